from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("organisasjon/bytt/", views.organisation_switch, name="organisation_switch"),
    path("enheter/", views.unit_list, name="unit_list"),
    path("enheter/ny/", views.unit_edit, name="unit_create"),
    path("enheter/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("enheter/<int:pk>/endre/", views.unit_edit, name="unit_edit"),
    path("medlemmer/", views.membership_list, name="membership_list"),
    path("medlemmer/<int:pk>/fjern/", views.membership_revoke, name="membership_revoke"),
    path("api-nokler/", views.api_token_list, name="api_token_list"),
    path("api-nokler/<int:pk>/trekk-tilbake/", views.api_token_revoke, name="api_token_revoke"),
    path("endringslogg/", views.audit_log, name="audit_log"),
]
