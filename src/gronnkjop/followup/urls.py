from django.urls import path

from . import views

app_name = "followup"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("fakturaer/", views.invoice_list, name="invoice_list"),
    path("fakturaer/<int:pk>/", views.invoice_detail, name="invoice_detail"),
    path("fakturaer/<int:pk>/xml/", views.invoice_xml, name="invoice_xml"),
    path("avvik/", views.deviation_list, name="deviation_list"),
    path("avvik/handling/", views.deviation_bulk, name="deviation_bulk"),
    path("avvik/<int:pk>/", views.deviation_detail, name="deviation_detail"),
    path("avvik/<int:pk>/gjenapne/", views.deviation_reopen_view, name="deviation_reopen"),
    path("krav/", views.claim_list, name="claim_list"),
    path("krav/<int:pk>/", views.claim_detail, name="claim_detail"),
    path("krav/<int:pk>/status/", views.claim_transition_view, name="claim_transition"),
    path("krav/<int:pk>/trekk-tilbake/", views.claim_withdraw_view, name="claim_withdraw"),
    path("krav/<int:pk>/brev/", views.claim_letter_view, name="claim_letter"),
    path("krav/<int:pk>/brev.pdf", views.claim_letter_pdf, name="claim_letter_pdf"),
    path("krav/<int:pk>/brev.docx", views.claim_letter_docx, name="claim_letter_docx"),
    path("gevinster/", views.gain_list, name="gain_list"),
    path("gevinster/<int:pk>/", views.gain_detail, name="gain_detail"),
    path("gevinster/<int:pk>/slett/", views.gain_delete_view, name="gain_delete"),
    path("import/", views.import_page, name="import"),
    path("import/<int:pk>/", views.import_detail, name="import_detail"),
    path("kontroll/", views.control_run_view, name="control_run"),
    path("kontroll/<int:pk>/", views.control_run_detail, name="control_run_detail"),
    path("hovedbok/", views.ledger_list, name="ledger_list"),
    path("avtaler/<int:pk>/", views.contract_followup, name="contract_followup"),
]
