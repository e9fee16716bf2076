from django.urls import path

from . import views

app_name = "policy"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("new/", views.node_create, name="node_create"),
    path("deleted/", views.deleted_list, name="deleted"),
    path("<int:pk>/", views.node, name="node"),
    path("<int:pk>/edit/", views.node_edit, name="node_edit"),
    path("<int:pk>/delete/", views.node_delete, name="node_delete"),
    path("<int:pk>/restore/", views.node_restore, name="node_restore"),
    path("<int:pk>/history/", views.node_history, name="node_history"),
    path("<int:pk>/link/", views.link_add, name="link_add"),
    path("links/<int:pk>/remove/", views.link_remove, name="link_remove"),
    path("project/<int:project_pk>/link/", views.project_link_add, name="project_link_add"),
]
