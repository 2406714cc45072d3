from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "gronnkjop.followup"
    label = "followup"
    verbose_name = _("Contract follow-up")

    def ready(self) -> None:
        from gronnkjop.core.home import register_figures
        from gronnkjop.core.navigation import NavItem, register

        from .home import figures

        register_figures("followup", figures, order=30)

        register(NavItem(_("Follow-up"), "followup:overview", order=30, prefix="/oppfolging/"))

        from gronnkjop.contracts.links import register_contract_link

        register_contract_link(_("Spend and deviations"), "followup:contract_followup")
