from django.urls import path

from . import views

app_name = "reuse"

urlpatterns = [
    path("", views.item_list, name="item_list"),
    path("ny/", views.item_create, name="item_create"),
    path("import/", views.item_import, name="item_import"),
    path("etiketter/", views.labels, name="labels"),
    path("brukt-forst/", views.used_first, name="used_first"),
    path("<int:pk>/", views.item_detail, name="item_detail"),
    path("<int:pk>/endre/", views.item_edit, name="item_edit"),
    path("<int:pk>/status/", views.item_status, name="item_status"),
    path("<int:pk>/bilder/", views.photo_add, name="photo_add"),
    path("<int:pk>/reserver/", views.item_reserve, name="item_reserve"),
    path("bilde/<int:pk>/<str:size>/", views.photo, name="photo"),
    path("reservasjoner/", views.reservation_list, name="reservation_list"),
    path("reservasjoner/<int:pk>/", views.reservation_detail, name="reservation_detail"),
    path("reservasjoner/<int:pk>/<str:action>/", views.reservation_action, name="reservation_action"),
    path("besparelser/", views.savings, name="savings"),
    path("besparelser.csv", views.savings_csv, name="savings_csv"),
    path("faktorer/", views.factor_list, name="factor_list"),
    path("faktorer/<slug:item_type>/endre/", views.factor_edit, name="factor_edit"),
    path("lagre/", views.store_list, name="store_list"),
    path("lagre/<int:pk>/endre/", views.store_edit, name="store_edit"),
    path("innstillinger/", views.settings_edit, name="settings"),
    path("ikt/", views.device_list, name="device_list"),
    path("ikt/ny/", views.device_edit, name="device_create"),
    path("ikt/<int:pk>/", views.device_detail, name="device_detail"),
    path("ikt/<int:pk>/endre/", views.device_edit, name="device_edit"),
    path("ikt/bestillinger/", views.device_request_list, name="device_request_list"),
    path("ikt/bestillinger/<int:pk>/avgjor/", views.device_request_decide, name="device_request_decide"),
    path("offentlig/", views.public_list, name="public_list"),
    path("offentlig/<int:pk>/", views.public_detail, name="public_detail"),
]
