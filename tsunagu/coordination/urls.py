from django.urls import include, path  # noqa: F401  (each sub-capability adds its include below)

app_name = "coordination"

urlpatterns: list = [
    path("policy/", include("tsunagu.coordination.policy.urls")),
    path("circulars/", include("tsunagu.coordination.circulars.urls")),
    path("overlaps/", include("tsunagu.coordination.overlaps.urls")),
]
