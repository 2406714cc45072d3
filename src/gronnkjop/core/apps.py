from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "gronnkjop.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from .navigation import NavItem, register

        register(NavItem(_("Overview"), "core:home", order=0, prefix="/"))
        register(NavItem(_("Units"), "core:unit_list", order=80))
        register(NavItem(_("Members"), "core:membership_list", capability="manage_members", order=90))
        register(NavItem(_("API tokens"), "core:api_token_list", capability="manage_members", order=91))
        register(NavItem(_("Audit log"), "core:audit_log", capability="manage_members", order=92))
