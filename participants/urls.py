"""URLs of the participants app."""

from django.urls import path

from participants.views import (
    dashboard,
    documents,
    followups,
    implementation,
    proposals,
    reports,
    reviews,
    statistics,
    workflow,
)

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
    # The project after approval.
    path(
        "proposals/<int:pk>/implementation/",
        implementation.ImplementationView.as_view(),
        name="implementation",
    ),
    path(
        "proposals/<int:pk>/start-implementation/",
        implementation.StartImplementationView.as_view(),
        name="implementation-start",
    ),
    path(
        "proposals/<int:pk>/milestones/<int:milestone>/progress/",
        implementation.MilestoneProgressView.as_view(),
        name="milestone-progress",
    ),
    path(
        "proposals/<int:pk>/milestones/<int:milestone>/feedback/",
        implementation.MilestoneFeedbackView.as_view(),
        name="milestone-feedback",
    ),
    path(
        "proposals/<int:pk>/evidence/<int:evidence>/",
        implementation.EvidenceDownloadView.as_view(),
        name="evidence-download",
    ),
    path("proposals/<int:pk>/follow-ups/", followups.FollowUpView.as_view(), name="follow-ups"),
    path("follow-ups/due/", followups.DueFollowUpsView.as_view(), name="follow-ups-due"),
    # The final report, its evaluation, and the proposal as a document.
    path("proposals/<int:pk>/report/", reports.ReportDetailView.as_view(), name="report-detail"),
    path("proposals/<int:pk>/report/edit/", reports.ReportEditView.as_view(), name="report-edit"),
    path("proposals/<int:pk>/evaluation/", reports.EvaluationView.as_view(), name="evaluation"),
    path("proposals/<int:pk>/document/", documents.DocumentView.as_view(), name="document"),
    path(
        "proposals/<int:pk>/document.pdf",
        documents.DocumentPdfView.as_view(),
        name="document-pdf",
    ),
    path(
        "proposals/<int:pk>/report/document/",
        documents.ReportDocumentView.as_view(),
        name="report-document",
    ),
    path(
        "proposals/<int:pk>/report/document.pdf",
        documents.ReportDocumentPdfView.as_view(),
        name="report-document-pdf",
    ),
    path("dashboard/", dashboard.DashboardView.as_view(), name="dashboard"),
    path("reviews/", reviews.ReviewQueueView.as_view(), name="review-queue"),
    # The national statistics: public aggregates, each chart also as CSV.
    path("statistics/", statistics.StatisticsView.as_view(), name="statistics"),
    path(
        "statistics/<slug:chart>.csv",
        statistics.StatisticsCsvView.as_view(),
        name="statistics-csv",
    ),
    path("reviews/<int:pk>/", reviews.ReviewDetailView.as_view(), name="review-detail"),
]
