from django.urls import path, re_path

from tsunagu.partners import views

app_name = "partners"

urlpatterns = [
    path("places/", views.place_list, name="place_list"),
    path("places/new/", views.place_create, name="place_create"),
    path("places/deleted/", views.place_deleted_list, name="place_deleted_list"),
    path("places/<int:pk>/", views.place, name="place"),  # the dossier
    path("places/<int:pk>/edit/", views.place_edit, name="place_edit"),
    path("places/<int:pk>/delete/", views.place_delete, name="place_delete"),
    path("places/<int:pk>/restore/", views.place_restore, name="place_restore"),
    path("countries/", views.country_list, name="country_list"),
    re_path(r"^countries/(?P<code>[A-Za-z]{2})/$", views.country, name="country"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/deleted/", views.organisation_deleted_list, name="organisation_deleted_list"),
    path("organisations/<int:pk>/", views.organisation, name="organisation"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("organisations/<int:pk>/delete/", views.organisation_delete, name="organisation_delete"),
    path("organisations/<int:pk>/restore/", views.organisation_restore, name="organisation_restore"),
    path("agreements/", views.agreement_list, name="agreement_list"),
    path("agreements/new/", views.agreement_create, name="agreement_create"),
    path("agreements/deleted/", views.agreement_deleted_list, name="agreement_deleted_list"),
    path("agreements/<int:pk>/", views.agreement, name="agreement"),
    path("agreements/<int:pk>/edit/", views.agreement_edit, name="agreement_edit"),
    path("agreements/<int:pk>/delete/", views.agreement_delete, name="agreement_delete"),
    path("agreements/<int:pk>/restore/", views.agreement_restore, name="agreement_restore"),
    path("networks/", views.network_list, name="network_list"),
    path("networks/new/", views.network_create, name="network_create"),
    path("networks/deleted/", views.network_deleted_list, name="network_deleted_list"),
    path("networks/<int:pk>/", views.network, name="network"),
    path("networks/<int:pk>/edit/", views.network_edit, name="network_edit"),
    path("networks/<int:pk>/delete/", views.network_delete, name="network_delete"),
    path("networks/<int:pk>/restore/", views.network_restore, name="network_restore"),
]
