"""URLs of the participants app."""

from django.urls import path

from participants.views import proposals, reviews, workflow

app_name = "participants"

urlpatterns = [
    path("proposals/<int:pk>/", proposals.ProposalDetailView.as_view(), name="proposal-detail"),
    # The proposal workflow: write, submit, review.
    path("proposals/mine/", workflow.ProposalMineView.as_view(), name="proposal-mine"),
    path("proposals/new/", workflow.ProposalCreateView.as_view(), name="proposal-create"),
    path(
        "proposals/practices/",
        workflow.PracticePickerView.as_view(),
        name="proposal-practice-picker",
    ),
    path("proposals/<int:pk>/edit/", workflow.ProposalEditView.as_view(), name="proposal-edit"),
    path(
        "proposals/<int:pk>/submit/",
        workflow.ProposalSubmitView.as_view(),
        name="proposal-submit",
    ),
    path("reviews/", reviews.ReviewQueueView.as_view(), name="review-queue"),
    path("reviews/<int:pk>/", reviews.ReviewDetailView.as_view(), name="review-detail"),
]
