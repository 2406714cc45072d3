from django.conf import settings
from django.conf.urls.static import static
from django.contrib.auth import views as auth_views
from django.templatetags.static import static as static_url
from django.urls import include, path
from django.views.generic import RedirectView

from gronnkjop.api import api
from gronnkjop.core import views as core_views

urlpatterns = [
    path("", include("gronnkjop.core.urls")),
    path("eksempler/", include("gronnkjop.examples.urls")),
    path("avtaler/", include("gronnkjop.contracts.urls")),
    path("oppfolging/", include("gronnkjop.followup.urls")),
    path("ombruk/", include("gronnkjop.reuse.urls")),
    path("konto/innlogging/", auth_views.LoginView.as_view(), name="login"),
    path("konto/utlogging/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/passord/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("konto/passord/endret/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("konto/glemt-passord/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "konto/glemt-passord/sendt/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"
    ),
    path(
        "konto/nytt-passord/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "konto/nytt-passord/ferdig/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("healthz", core_views.healthz, name="healthz"),
    # Browsers and feed readers ask for /favicon.ico whatever the page links to.
    path("favicon.ico", RedirectView.as_view(url=static_url("gronnkjop/favicon.svg"), permanent=True)),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
