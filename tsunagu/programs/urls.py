"""URLs of tsunagu.programs. One list, one block per part of the app: append yours below.

Each part's views live in its package (catalogue/, transfer/, applications/, deadlines/, matching/).

A programme's own pages live under ``p/<code>/`` so that other paths of the
app (``import/``, ``applications/``…) never collide with a programme code.
"""

from django.urls import path

from .applications import views as applications_views
from .catalogue import views as catalogue_views
from .deadlines import views as deadlines_views
from .transfer import views as transfer_views

app_name = "programs"
urlpatterns = [
    # Catalogue (支援メニュー)
    path("", catalogue_views.program_list, name="list"),
    path("new/", catalogue_views.program_create, name="create"),
    path("deleted/", catalogue_views.deleted_list, name="deleted"),
    path("p/<slug:code>/", catalogue_views.program_detail, name="detail"),
    path("p/<slug:code>/history/", catalogue_views.program_history, name="history"),
    path("p/<slug:code>/edit/", catalogue_views.program_edit, name="edit"),
    path("p/<slug:code>/delete/", catalogue_views.program_delete, name="delete"),
    path("p/<slug:code>/restore/", catalogue_views.program_restore, name="restore"),
    path("p/<slug:code>/terms/new/", catalogue_views.terms_create, name="terms_create"),
    path("p/<slug:code>/terms/<int:pk>/edit/", catalogue_views.terms_edit, name="terms_edit"),
    path("p/<slug:code>/terms/<int:pk>/delete/", catalogue_views.terms_delete, name="terms_delete"),
    path("p/<slug:code>/windows/new/", catalogue_views.window_create, name="window_create"),
    path("p/<slug:code>/windows/<int:pk>/edit/", catalogue_views.window_edit, name="window_edit"),
    path("p/<slug:code>/windows/<int:pk>/delete/", catalogue_views.window_delete, name="window_delete"),
    # Catalogue import / export
    path("export.yaml", transfer_views.export_catalogue_yaml, name="export_yaml"),
    path("export.xlsx", transfer_views.export_catalogue_excel, name="export_excel"),
    path("import/", transfer_views.import_catalogue, name="import"),
    path("import/confirm/", transfer_views.import_confirm, name="import_confirm"),
    # Applications (申請) and their statistics
    path("applications/new/<int:project_pk>/", applications_views.application_create, name="application_create"),
    path("applications/<int:pk>/", applications_views.application_detail, name="application"),
    path("applications/<int:pk>/edit/", applications_views.application_edit, name="application_edit"),
    path("applications/<int:pk>/status/", applications_views.application_transition, name="application_transition"),
    path("applications/<int:pk>/skip/", applications_views.application_jump, name="application_jump"),
    path("applications/<int:pk>/undo/", applications_views.application_undo, name="application_undo"),
    path(
        "applications/new/<int:project_pk>/windows/",
        applications_views.application_window_field,
        name="application_window_field",
    ),
    path("applications/<int:pk>/delete/", applications_views.application_delete, name="application_delete"),
    path("applications/<int:pk>/restore/", applications_views.application_restore, name="application_restore"),
    path("applications/<int:pk>/documents/", applications_views.document_add, name="application_document_add"),
    path(
        "applications/<int:pk>/documents/<int:document_pk>/delete/",
        applications_views.document_delete,
        name="application_document_delete",
    ),
    path("stats/", applications_views.application_stats, name="stats"),
    # Deadlines pushed to departments: subscriptions, calendar feeds, digest unsubscribe
    path("subscriptions/", deadlines_views.subscription_list, name="subscriptions"),
    path("subscriptions/new/", deadlines_views.subscription_create, name="subscription_create"),
    path("subscriptions/preview/", deadlines_views.subscription_preview, name="subscription_preview"),
    path("subscriptions/<int:pk>/", deadlines_views.subscription_edit, name="subscription_edit"),
    path("subscriptions/<int:pk>/new-address/", deadlines_views.subscription_regenerate, name="subscription_regenerate"),
    path("subscriptions/<int:pk>/delete/", deadlines_views.subscription_delete, name="subscription_delete"),
    path("feeds/<str:token>.ics", deadlines_views.subscription_feed, name="subscription_feed"),
    path("digest/unsubscribe/<str:token>/", deadlines_views.digest_unsubscribe, name="digest_unsubscribe"),
]

# Matcher: the plan form (ranked programmes with reasons, refused ones with refusals)
from .matching import views as matching_views  # noqa: E402 (appended block)

urlpatterns += [
    path("match/", matching_views.match_plan, name="match"),
]
