from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "participants"
    verbose_name = _("Participants and change proposals")

    def ready(self):
        # The apps below show proposals too, through the port they declare for the rules.
        from benchmarking import page_cache, proposal_rules
        from participants import (
            auth_backend,
            document_pdfs,
            followups,
            permissions,
            selectors,
            services,
            similar_cache,
            statistics_figures,
        )
        from participants.models import ChangeProposal, Facilitator, Participant

        proposal_rules.register(
            visible_q=permissions.visible_q,
            readable_adaptations=selectors.readable_adaptations,
            viewer_class=permissions.viewer_class,
            visible_count=selectors.visible_proposal_count,
            outcome_annotations=followups.outcome_annotations,
            shared_flows=statistics_figures.shared_flows,
            unshared_adaptations=selectors.unshared_readable_adaptations,
            unshared_flow_pairs=selectors.unshared_flow_pairs,
        )
        # A changed proposal's PDFs are printed again off the request.
        services.proposals_changed.connect(
            document_pdfs.pdfs_prepare_after_commit, dispatch_uid="document_pdfs"
        )
        # A proposal's new text changes the originality check's findings.
        post_save.connect(similar_cache.proposal_saved, sender=ChangeProposal)
        post_delete.connect(similar_cache.proposal_deleted, sender=ChangeProposal)
        # A kept logged-in user (participants.auth_backend) is dropped when they or their
        # profiles change.
        for signal in (post_save, post_delete):
            signal.connect(auth_backend.user_changed, sender=settings.AUTH_USER_MODEL)
            for model in (Participant, Facilitator):
                signal.connect(auth_backend.profile_changed, sender=model)
        for model in (Participant, Facilitator):
            pre_save.connect(auth_backend.profile_moving, sender=model)
        # A kept page's visitor is read in the page cache's own round trip.
        page_cache.read_kept_user_with(key_of=auth_backend.kept_key, offered=auth_backend.offered)
        # Every admin write may change what the national statistics count (a cohort's year,
        # an institution's province, a proposal): their kept figures are computed again.
        from django.contrib.admin.models import LogEntry

        post_save.connect(
            _admin_wrote, sender=LogEntry, dispatch_uid="participants.statistics_admin_write"
        )


def _admin_wrote(sender, created, **kwargs):
    from participants.statistics_figures import statistics_changed

    if created:
        statistics_changed()
