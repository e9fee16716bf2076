from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from tsunagu.core import views as core_views

admin.site.site_header = _("tsunagu administration")
admin.site.site_title = _("tsunagu")

urlpatterns = [
    path("", core_views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", core_views.set_language, name="set_language"),
    path("partners/", include("tsunagu.partners.urls")),
    path("projects/", include("tsunagu.portfolio.urls")),
    path("programs/", include("tsunagu.programs.urls")),
    path("search/", include("tsunagu.search.urls")),
    path("coordination/", include("tsunagu.coordination.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "tsunagu.core.views.permission_denied"
handler404 = "tsunagu.core.views.page_not_found"
handler500 = "tsunagu.core.views.server_error"
