from django.urls import include, path

app_name = "coordination"

urlpatterns: list = [
    path("meetings/", include("tsunagu.coordination.meetings.urls")),
]
