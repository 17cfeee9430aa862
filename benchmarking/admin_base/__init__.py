"""The admin base of the whole project, below every app's registrations.

Institution scoping (``scoping``), the list filters that respect it (``filters``), the base
classes every admin derives from (``model_admins``) and the history admin (``history``).
Each app's ``admin.py`` only registers its models with these.
"""

from benchmarking.admin_base.filters import (
    DropdownListFilter,
    EagerRelatedFieldListFilter,
    ScopedValuesListFilter,
)
from benchmarking.admin_base.history import LokusHistoryAdmin
from benchmarking.admin_base.model_admins import (
    LokusAdminMixin,
    LokusModelAdmin,
    ReferenceDataAdmin,
)
from benchmarking.admin_base.scoping import (
    InstitutionScopedAdminMixin,
    InstitutionScopedForm,
    scoping_admin,
)

__all__ = [
    "DropdownListFilter",
    "EagerRelatedFieldListFilter",
    "InstitutionScopedAdminMixin",
    "InstitutionScopedForm",
    "LokusAdminMixin",
    "LokusHistoryAdmin",
    "LokusModelAdmin",
    "ReferenceDataAdmin",
    "ScopedValuesListFilter",
    "scoping_admin",
]
