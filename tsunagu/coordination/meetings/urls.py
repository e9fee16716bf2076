from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("", views.council_list, name="list"),
    path("councils/new/", views.council_create, name="council_create"),
    path("councils/<int:pk>/", views.council_detail, name="council"),
    path("councils/<int:pk>/edit/", views.council_edit, name="council_edit"),
    path("councils/<int:pk>/groups/new/", views.group_create, name="group_create"),
    path("councils/<int:pk>/members/new/", views.member_create, name="member_create"),
    path("councils/<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("councils/<int:pk>/series/new/", views.series_create, name="series_create"),
    path("groups/<int:pk>/edit/", views.group_edit, name="group_edit"),
    path("members/<int:pk>/edit/", views.member_edit, name="member_edit"),
    path("series/<int:pk>/", views.series_detail, name="series"),
    path("series/<int:pk>/edit/", views.series_edit, name="series_edit"),
    path("<int:pk>/", views.meeting_detail, name="meeting"),
    path("<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("<int:pk>/carry-over/", views.carry_over, name="carry_over"),
    path("<int:pk>/attendance/new/", views.attendance_create, name="attendance_create"),
    path("<int:pk>/agenda/new/", views.item_create, name="item_create"),
    path("<int:pk>/decisions/new/", views.decision_create, name="decision_create"),
    path("<int:pk>/actions/new/", views.action_create, name="action_create"),
    path("<int:pk>/<slug:sheet>/print/", views.sheet, name="sheet"),
    path("<int:pk>/<slug:sheet>/pdf/", views.sheet_pdf, name="sheet_pdf"),
    path("attendance/<int:pk>/edit/", views.attendance_edit, name="attendance_edit"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/documents/new/", views.document_create, name="document_create"),
    path("documents/<int:pk>/", views.document_download, name="document"),
    path("decisions/<int:pk>/edit/", views.decision_edit, name="decision_edit"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/mark/", views.action_mark, name="action_mark"),
    path("delete/<slug:kind>/<int:pk>/", views.delete, name="delete"),
    path("restore/<slug:kind>/<int:pk>/", views.restore, name="restore"),
    path("departments/mine/", views.my_concerns, name="my_department"),
    path("departments/<int:pk>/", views.department_concerns, name="department"),
]
