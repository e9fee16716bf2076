from django.urls import path

from . import views

app_name = "circulars"
urlpatterns = [
    path("", views.circular_list, name="list"),
    path("new/", views.circular_create, name="create"),
    path("<int:pk>/", views.circular_detail, name="detail"),
    path("<int:pk>/edit/", views.circular_edit, name="edit"),
    path("<int:pk>/send/", views.circular_send, name="send"),
    path("<int:pk>/remind/", views.circular_remind, name="remind"),
    path("<int:pk>/delete/", views.circular_delete, name="delete"),
    path("<int:pk>/restore/", views.circular_restore, name="restore"),
    path("<int:pk>/merged/", views.merged, name="merged"),
    path("<int:pk>/projects/", views.make_projects, name="make_projects"),
    path("<int:pk>/<int:department_pk>/acknowledge/", views.circular_acknowledge, name="acknowledge"),
    path("<int:pk>/<int:department_pk>/answer/", views.answer_edit, name="answer"),
    path("<int:pk>/<int:department_pk>/answer.xlsx", views.answer_excel, name="answer_excel"),
    path("<int:pk>/<int:department_pk>/upload/", views.answer_upload, name="answer_upload"),
]
