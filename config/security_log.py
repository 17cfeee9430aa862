"""Security events as JSON lines on standard output, for the operator's log collector.

One event per line: ``time``, ``level``, ``event`` and the event's own safe fields. Failed
logins, lockouts, refused permissions and admin changes are recorded (``SecurityLogConfig``
connects the signals, ``SecurityEventMiddleware`` sees the requests); secrets never are: a field
whose name looks like a password, token, session or CSRF value is dropped before writing.
"""

import json
import logging
from datetime import UTC, datetime
from http import HTTPStatus

from django.core.exceptions import PermissionDenied
from django.utils import timezone

LOGGER_NAME = "lokus.security"
logger = logging.getLogger(LOGGER_NAME)

SECRET_FIELD_PARTS = ("password", "token", "session", "csrf", "secret", "cookie", "key")
MAX_VALUE_LENGTH = 200


def is_secret_field(name: str) -> bool:
    """Whether a field's name says it holds a secret, which must never reach the log."""
    lowered = name.lower()
    return any(part in lowered for part in SECRET_FIELD_PARTS)


def safe_value(value):
    """A JSON-ready value, long text cut short so that one request cannot flood the log."""
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)[:MAX_VALUE_LENGTH]


def event(name: str, *, level: int = logging.INFO, **fields) -> None:
    """Record a security event ``name`` with ``fields`` (secrets among them are dropped)."""
    logger.log(level, name, extra={"security_fields": fields})


def client_ip(request) -> str | None:
    """The address the request came from, as the server saw it."""
    return request.META.get("REMOTE_ADDR") if request is not None else None


class JsonLinesFormatter(logging.Formatter):
    """Formats a record as one JSON object: time (UTC), level, event and its safe fields.

    Records from Django's own ``django.security`` loggers carry no fields: their event is the
    logger's name and their text goes in ``message``.
    """

    def format(self, record: logging.LogRecord) -> str:
        fields = getattr(record, "security_fields", None)
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(),
            "level": record.levelname,
        }
        if fields is None:
            entry["event"] = record.name
            entry["message"] = safe_value(record.getMessage())
        else:
            entry["event"] = record.getMessage()
            entry.update(
                (name, safe_value(value))
                for name, value in fields.items()
                if not is_secret_field(name) and name not in entry
            )
        return json.dumps(entry, ensure_ascii=False)


def log_login_failed(sender, credentials, request=None, **kwargs) -> None:
    """A wrong username or password: who was tried and from where, never the password."""
    event(
        "login_failed",
        level=logging.WARNING,
        username=credentials.get("username"),
        ip=client_ip(request),
        path=request.path if request is not None else None,
    )


def log_locked_out(sender, request=None, username=None, ip_address=None, **kwargs) -> None:
    """An account and address locked out after too many failed logins."""
    event(
        "lockout",
        level=logging.WARNING,
        username=username,
        ip=ip_address or client_ip(request),
        path=request.path if request is not None else None,
    )


ADMIN_ACTIONS = {1: "addition", 2: "change", 3: "deletion"}


def admin_change_event(entry) -> None:
    """Record one admin history entry (``LogEntry``): who changed which row, and how."""
    from django.contrib.contenttypes.models import ContentType

    model = None
    if entry.content_type_id:
        # From the content-type cache the admin has just filled: no extra query.
        content_type = ContentType.objects.get_for_id(entry.content_type_id)
        model = f"{content_type.app_label}.{content_type.model}"
    event(
        "admin_change",
        user_id=entry.user_id,
        model=model,
        object_id=None if entry.object_id is None else str(entry.object_id),
        action=ADMIN_ACTIONS.get(entry.action_flag, "other"),
    )


def log_admin_change(sender, instance, created, raw=False, **kwargs) -> None:
    """A change made in the admin, when its history entry is saved."""
    if created and not raw:
        admin_change_event(instance)


def is_admin_bulk_deletion(request, response) -> bool:
    """Whether ``request`` was a confirmed "delete selected" of the admin that succeeded."""
    match = getattr(request, "resolver_match", None)
    return (
        request.method == "POST"
        and match is not None
        and match.app_name == "admin"
        and response.status_code == HTTPStatus.FOUND
        and request.POST.get("action") == "delete_selected"
        and request.POST.get("post") == "yes"
    )


def log_admin_bulk_deletions(request, since) -> None:
    """Record the history entries of a bulk deletion, which the admin writes with
    ``bulk_create`` and so without the ``post_save`` signal (a lone entry is saved, and
    ``log_admin_change`` has recorded it already)."""
    from django.contrib.admin.models import DELETION, LogEntry

    entries = list(
        LogEntry.objects.filter(
            user_id=request.user.pk, action_flag=DELETION, action_time__gte=since
        ).order_by("pk")
    )
    if len(entries) > 1:
        for entry in entries:
            admin_change_event(entry)


class SecurityEventMiddleware:
    """Records refused permissions (``PermissionDenied`` from a view: who, where) and the
    admin's bulk deletions. Only records: Django still answers with its 403 page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = timezone.now()
        response = self.get_response(request)
        if is_admin_bulk_deletion(request, response):
            log_admin_bulk_deletions(request, started)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            user = getattr(request, "user", None)
            event(
                "permission_denied",
                level=logging.WARNING,
                user_id=user.pk if user is not None and user.is_authenticated else None,
                method=request.method,
                path=request.path,
                ip=client_ip(request),
            )
        return None
