from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReuseConfig(AppConfig):
    name = "gronnkjop.reuse"
    label = "reuse"
    verbose_name = _("Reuse")

    def ready(self) -> None:
        from gronnkjop.core.home import register_figures
        from gronnkjop.core.navigation import NavItem, register

        from .home import figures

        register_figures("reuse", figures, order=50)

        register(NavItem(_("Reuse"), "reuse:item_list", order=50, prefix="/ombruk/"))
        register(
            NavItem(
                _("Public reuse"), "reuse:public_list", capability=None, order=95, prefix="/ombruk/offentlig/"
            )
        )
