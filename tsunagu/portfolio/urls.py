from django.urls import path

from . import views

app_name = "portfolio"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("new/", views.project_create, name="create"),
    path("deleted/", views.deleted_list, name="deleted"),
    path("rows/<slug:kind>/", views.formset_row, name="formset_row"),
    path("<int:pk>/", views.project_detail, name="project"),
    path("<int:pk>/edit/", views.project_edit, name="edit"),
    path("<int:pk>/delete/", views.project_delete, name="delete"),
    path("<int:pk>/restore/", views.project_restore, name="restore"),
]
