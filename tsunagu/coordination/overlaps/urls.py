from django.urls import path

from . import views

app_name = "overlaps"

urlpatterns = [
    path("", views.warning_list, name="list"),
    path("<str:key>/", views.warning_detail, name="warning"),
    path("<str:key>/review/", views.review, name="review"),
    path("<str:key>/withdraw/", views.withdraw, name="withdraw"),
    path("<str:key>/restore/<int:pk>/", views.restore, name="restore"),
]
