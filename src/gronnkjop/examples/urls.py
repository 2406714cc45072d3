from django.urls import path

from . import views
from .feeds import LatestExamplesFeed

app_name = "examples"

urlpatterns = [
    path("", views.example_list, name="list"),
    path("feed.atom", LatestExamplesFeed(), name="feed"),
    path("tips/", views.tip_create, name="tip_create"),
    path("tips/takk/", views.tip_thanks, name="tip_thanks"),
    path("redaksjon/", views.editor_home, name="editor"),
    path("redaksjon/ny/", views.example_edit, name="create"),
    path("redaksjon/<int:pk>/", views.example_edit, name="edit"),
    path("redaksjon/<int:pk>/publiser/", views.example_publish, name="publish"),
    path("redaksjon/<int:pk>/avpubliser/", views.example_unpublish, name="unpublish"),
    path("redaksjon/<int:pk>/versjoner/", views.revision_list, name="revisions"),
    path(
        "redaksjon/<int:pk>/versjoner/<int:number>/gjenopprett/",
        views.revision_restore,
        name="revision_restore",
    ),
    path("redaksjon/tips/", views.tip_list, name="tip_list"),
    path("redaksjon/tips/<int:pk>/", views.tip_detail, name="tip_detail"),
    path("redaksjon/eksport/", views.bank_export, name="export"),
    path("redaksjon/import/", views.bank_import, name="import"),
    path("<slug:slug>/", views.example_detail, name="detail"),
]
