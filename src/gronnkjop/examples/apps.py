from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExamplesConfig(AppConfig):
    name = "gronnkjop.examples"
    label = "examples"
    verbose_name = _("Example bank")

    def ready(self) -> None:
        from gronnkjop.core.navigation import NavItem, register

        register(NavItem(_("Example bank"), "examples:list", capability=None, order=60, prefix="/eksempler/"))
