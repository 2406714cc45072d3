"""Every write of the follow-up app: imports, the control run, deviations, claims and gains."""

from .claims import (
    CLAIMABLE,
    claim_create,
    claim_split,
    claim_transition,
    claim_withdraw,
    deviation_dismiss,
    deviation_reopen,
    gain_delete,
    gain_record,
    step_date_error,
)
from .control import build_tables, control_run, deviation_key
from .imports import InvoiceImportResult, invoice_import, saft_import

__all__ = [
    "CLAIMABLE",
    "InvoiceImportResult",
    "build_tables",
    "claim_create",
    "claim_split",
    "claim_transition",
    "claim_withdraw",
    "control_run",
    "deviation_dismiss",
    "deviation_key",
    "deviation_reopen",
    "gain_delete",
    "gain_record",
    "invoice_import",
    "saft_import",
    "step_date_error",
]
