from django.urls import path, re_path

from . import views

app_name = "contracts"

urlpatterns = [
    path("", views.contract_list, name="contract_list"),
    path("ny/", views.contract_edit, name="contract_create"),
    path("import/", views.contract_import, name="contract_import"),
    path("prisliste/import/", views.price_list_import, name="price_list_import"),
    path("arshjul/", views.annual_cycle, name="annual_cycle"),
    path("arshjul.ics", views.annual_cycle_ics_view, name="annual_cycle_ics"),
    path("<int:pk>/", views.contract_detail, name="contract_detail"),
    path("<int:pk>/endre/", views.contract_edit, name="contract_edit"),
    re_path(
        r"^(?P<pk>[0-9]+)/prisliste\.(?P<file_format>csv|xlsx)$",
        views.price_list_export,
        name="price_list_export",
    ),
    path("<int:pk>/opsjoner/ny/", views.option_add, name="option_add"),
    path("<int:pk>/leverandorer/ny/", views.supplier_add, name="supplier_add"),
    path("<int:pk>/dokumenter/ny/", views.document_upload, name="document_upload"),
    path("<int:pk>/avrop/nytt/", views.call_off_add, name="call_off_add"),
    path("opsjoner/<int:pk>/utlos/", views.option_exercise, name="option_exercise"),
    path("opsjoner/<int:pk>/slett/", views.option_delete, name="option_delete"),
    path("leverandorer/<int:pk>/flytt/", views.supplier_move, name="supplier_move"),
    path("leverandorer/<int:pk>/fjern/", views.supplier_remove, name="supplier_remove"),
    path("dokumenter/<int:pk>/", views.document_download, name="document_download"),
]
