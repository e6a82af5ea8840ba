# nvctl mail report: the daily status report on demand (issue 6)
TESTS += tests/integration/notify_mail_report_now_with_history_csv.sh
