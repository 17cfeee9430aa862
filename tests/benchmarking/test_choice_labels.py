"""``get_FOO_display`` of the models with ``ChoiceLabels``: the label Django's would give, in
the active language, translating only that one label (``benchmarking.choice_labels``)."""

from unittest import mock

from django.utils import translation

from participants.models import ChangeProposal, FollowUp, PracticeAdaptation, ProposalStatus


def test_a_label_follows_the_active_language():
    proposal = ChangeProposal(status=ProposalStatus.SUBMITTED)

    with translation.override("id"):
        assert proposal.get_status_display() == "Diajukan"
    with translation.override("en"):
        assert proposal.get_status_display() == "Submitted"
    with translation.override("id"):
        assert PracticeAdaptation(mode="adopt").get_mode_display() == "Adopsi apa adanya"


def test_a_value_no_choice_has_is_shown_as_it_is():
    assert ChangeProposal(status="archived").get_status_display() == "archived"
    assert FollowUp(checkpoint=None).get_checkpoint_display() is None


def test_a_label_of_an_integer_choice():
    with translation.override("en"):
        assert FollowUp(checkpoint=6).get_checkpoint_display() == "6 months"


def test_only_the_label_shown_is_translated():
    # Django's own get_FOO_display translates all seven statuses to show one.
    proposal = ChangeProposal(status=ProposalStatus.APPROVED)
    gettext = translation._trans.gettext

    with (
        translation.override("id"),
        mock.patch.object(translation._trans, "gettext", wraps=gettext) as translated,
    ):
        assert proposal.get_status_display() == "Disetujui"

    assert [call.args[0] for call in translated.call_args_list] == ["Approved"]
