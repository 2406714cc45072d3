from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    name = "gronnkjop.contracts"
    label = "contracts"
    verbose_name = _("Contracts")

    def ready(self) -> None:
        from gronnkjop.core.navigation import NavItem, register

        # The annual cycle is linked from the contract list: an item of its own under the same prefix
        # would mark two menu items as the current page.
        register(NavItem(_("Contracts"), "contracts:contract_list", order=20, prefix="/avtaler/"))
