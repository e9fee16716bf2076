from django.urls import include, path

app_name = "coordination"

urlpatterns: list = [
    path("policy/", include("tsunagu.coordination.policy.urls")),
    path("circulars/", include("tsunagu.coordination.circulars.urls")),
    path("overlaps/", include("tsunagu.coordination.overlaps.urls")),
    path("meetings/", include("tsunagu.coordination.meetings.urls")),
]
