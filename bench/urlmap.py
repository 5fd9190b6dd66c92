"""Every URL pattern of the portal, as the page bench measures it (issue 26).

A page the bench was not told about is a page nobody measured: the check form grew to 56 MB
and the award selection to 24 MB while ``make bench`` passed. So the bench's rows are
declared here against the URL map itself, and tests/bench_guards/
test_every_url_has_a_bench_row.py walks the project's resolver and fails on a URL name that
has neither a row in PAGES nor a reason in EXEMPT.

Each row is measured at national size with the heaviest realistic parameters: the role with
the widest scope (the aid center, the city-wide inspector), the busiest record (the station
with the most checks, ratings and history: bench/national_records.py), a deep page, each
filter. Paths hold {names} that bench/facts.py finds in the bench database. Public pages are
held to the anonymous trivial view, staff pages to the logged-in one (``judge`` in
bench/bench_pages.py); no HTML answer may weigh more than a megabyte.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

# The logins of bench/national.py (BENCH_USERS): the aid center sees every record, the
# city inspector every non-draft station, the clerk one union (Xuhui, the busiest station's).
AID, CLERK, INSPECTOR = "bench_aid", "bench_clerk", "bench_inspector"
MB = 1_000_000


@dataclass(frozen=True)
class Page:
    url: str  # the URL pattern's name ("stations:registry"); "" for the reference views
    label: str
    path: str  # with {names} from bench/facts.py
    user: str = ""  # a BENCH_USERS name, or anonymous
    # "page" (< 50 ms and < 10× its trivial view), "station" (the QR landing page: < 2× the
    # anonymous trivial view), "near" (< 50 ms), "geojson" (< 1 s cold, then cached),
    # "file" (a download: < 50 ms, its size is the file's), "reference".
    target: str = "page"
    expect: str = ""  # text the answer must contain (proves the right user and page)
    headers: tuple[tuple[str, str], ...] = ()
    status: int = 200
    # HTML over a megabyte is a page that grows with the data (STYLE.md, habit 12); a
    # download or an open-data file weighs what its content weighs.
    max_bytes: int | None = MB
    # Named caches of history's registry turned off for this row (bench/cache_off.py): the
    # row measures the page as drawn without them, which is what each cache saves.
    caches_off: tuple[str, ...] = ()
    # A row with caches off is not judged unless it says so: it shows what the cache is
    # needed for. The staff homes' first visit after a change is judged (issue 22, item 3):
    # at national size a change somewhere in a home's scope is frequent.
    judged: bool = True

    def path_with(self, facts: dict) -> str:
        return self.path.format(**{k: quote(str(v), safe="/,.") for k, v in facts.items()})

    @property
    def public(self) -> bool:
        return not self.user


def q(text: str) -> str:
    return quote(text)


GZIP = (("Accept-Encoding", "gzip"),)

REFERENCES = [
    Page("", "trivial view, anonymous", "/bench/trivial/", target="reference"),
    Page("", "trivial view, logged in", "/bench/trivial/", AID, "reference", "ok True"),
]

PAGES: list[Page] = [
    # --- Public -------------------------------------------------------------------------
    Page("public_home", "public home", "/"),
    # As the load balancer asks (README: ?skip=beat): the bench runs no beat, whose missing
    # runs would make every answer a 503, and a load balancer's is the frequent request.
    Page("healthz", "health check as the load balancer asks (database, cache, broker, static)", "/healthz?skip=beat"),
    # From the operators' network (the bench's wrk runs on 127.0.0.1, which the default
    # METRICS_ALLOWED_NETWORKS admits), as Prometheus scrapes it.
    Page("metrics", "metrics for Prometheus", "/metrics", expect="relay_http_requests_total"),
    Page("upload_too_large", "upload too large (nginx's 413 page)", "/errors/upload-too-large/", status=413),
    Page("accounts:login", "login page", "/accounts/login/"),
    Page("stations:public_detail", "public station page (QR landing)", "/stations/{public_plaque}/", target="station"),
    Page("stations:public_detail", "public station page of the busiest station", "/stations/{busy_plaque}/", target="station"),
    Page("stations:feedback", "rating form of the busiest station", "/stations/{busy_plaque}/feedback/"),
    Page("stations:directory", "directory, first page", "/stations/"),
    Page("stations:directory", "directory, one district", "/stations/?district={district}"),
    Page("stations:directory", "directory, one service", "/stations/?service=charging"),
    Page("stations:directory", "directory, sanitation workers", "/stations/?audience=sanitation"),
    Page("stations:directory", "directory, text 南京东路", f"/stations/?q={q('南京东路')}"),
    Page("stations:directory", "directory, open now", "/stations/?open_now=1"),
    Page("stations:directory", "directory, near People's Square", "/stations/?near={near}", target="near"),
    Page("stations:directory", "directory, open now and near", "/stations/?open_now=1&near={near}", target="near"),
    Page("stations:directory", "directory, open now, page 50 (the deepest)", "/stations/?open_now=1&page=50"),
    # Issue 23's heat alert: the stations in 清凉模式 (one in 25 keeps such hours).
    Page("stations:directory", "directory, in alert mode", "/stations/?alert_mode=1"),
    Page("stations:directory", "directory, in alert mode and open now, page 20", "/stations/?alert_mode=1&open_now=1&page=20"),
    Page("stations:open_data_alerts", "today's heat and cold alerts (JSON)", "/api/v1/alerts.json", expect="heat"),
    Page("stations:directory", "directory, district page 100", "/stations/?district={district}&page=100"),
    Page("stations:open_data", "open data page", "/api/v1/"),
    Page("stations:open_data_catalog", "DCAT catalogue of the open datasets", "/api/v1/catalog.json", expect="dcat:Catalog"),
    Page("stations:open_data_geojson", "open data GeoJSON, every public station (gzip)", "/api/v1/stations.geojson", target="geojson", headers=GZIP, max_bytes=None),
    Page("stations:open_data_json", "open data JSON (gzip)", "/api/v1/stations.json", target="file", headers=GZIP, max_bytes=None),
    # A data answer that grows with the changes asked for, like a file: issue 24's own target
    # for a day's delta is a median of 50 ms.
    Page("stations:open_data_json", "open data JSON, changes since (about 300 stations)", "/api/v1/stations.json?modified_after={changed_since}", target="file", expect="withdrawn", max_bytes=None),
    Page("stations:open_data_csv", "open data CSV (gzip)", "/api/v1/stations.csv", target="file", headers=GZIP, max_bytes=None),
    Page("stations:manifest", "web app manifest", "/manifest.webmanifest"),
    Page("stations:service_worker", "public service worker", "/sw.js"),
    Page("inspections:service_worker", "inspectors' service worker", "/staff/inspections/sw.js"),
    Page("rankings:latest", "rankings, latest quarter", "/rankings/"),
    Page("rankings:quarter", "rankings {ranked_path}", "/rankings/{ranked_path}/"),
    Page("rankings:quarter", "rankings {ranked_path}, one district, page 2", "/rankings/{ranked_path}/?district={district}&page=2"),
    Page("rankings:api", "rankings JSON {ranked_path}", "/api/v1/rankings/{year}/q{quarter}.json"),
    Page("rankings:api", "rankings JSON {ranked_path}, page 50", "/api/v1/rankings/{year}/q{quarter}.json?page=50"),
    Page("awards:honours", "honours roll", "/awards/"),
    Page("awards:honours_year", "honours of {award_year}", "/awards/{award_year}/"),
    # --- Staff: homes and account ---------------------------------------------------------
    Page("home", "aid-center home", "/staff/", AID),
    Page("home", "clerk home (union staff)", "/staff/", CLERK),
    Page("home", "inspector home", "/staff/", INSPECTOR),
    Page("accounts:password_change", "password change", "/accounts/password/", AID),
    Page("accounts:notices", "notices of the clerk's union", "/accounts/notices/", CLERK),
    Page("accounts:notices", "notices, a deep page", "/accounts/notices/?after={notices_deep}", CLERK),
    # --- Staff: filings, registry, stations -----------------------------------------------
    Page("stations:filing_list", "filing list (aid center)", "/staff/filings/", AID),
    Page("stations:filing_list", "filing list, a deep page", "/staff/filings/?after={filings_deep}", AID),
    Page("stations:filing_list", "filing list (clerk)", "/staff/filings/", CLERK),
    Page("stations:filing_create", "new filing form", "/staff/filings/new/", CLERK),
    Page("stations:filing_detail", "filing of the busiest station", "/staff/filings/{busy_filing}/", AID),
    Page("stations:filing_edit", "draft filing's header form", "/staff/filings/{draft_filing}/edit/", CLERK),
    Page("stations:filing_station_add", "add a station to a draft filing", "/staff/filings/{draft_filing}/stations/add/", CLERK),
    Page("stations:filing_scan", "filing's signed scan (download)", "/staff/filings/{busy_filing}/scan/", AID, "file", max_bytes=None),
    Page("stations:filing_template", "filing template (xlsx)", "/staff/filings/template.xlsx", AID, "file", max_bytes=None),
    Page("stations:filing_export", "filing as 附件1 (xlsx)", "/staff/filings/{busy_filing}/form.xlsx", AID, "file", max_bytes=None),
    Page("stations:filing_import", "import form", "/staff/filings/import/", CLERK),
    Page("stations:filing_batch_zip", "filing's zip of pledges and plaques (download)", "/staff/filings/{busy_filing}/documents.zip", AID, "file", max_bytes=None),
    Page("stations:station_edit", "edit a returned or draft station", "/staff/stations/{draft_station}/edit/", CLERK),
    Page("stations:review_queue", "review queue", "/staff/review/", AID),
    Page("stations:review_queue", "review queue, a deep page", "/staff/review/?after={review_deep}", AID),
    # Issue 23's scale: one campaign with a delivery to every operating station.
    Page("stations:campaign_list", "campaigns (aid center)", "/staff/campaigns/", AID),
    Page("stations:campaign_create", "open a campaign (form)", "/staff/campaigns/new/", AID),
    Page("stations:campaign_detail", "campaign progress, every union (aid center)", "/staff/campaigns/{campaign}/", AID),
    Page("stations:campaign_detail", "campaign progress, one union (clerk)", "/staff/campaigns/{campaign}/", CLERK),
    Page("stations:delivery_create", "record a campaign delivery (form)", "/staff/campaigns/{campaign}/delivery/", CLERK),
    # Issue 23's training of station heads: a city-wide session over every head.
    Page("stations:training_list", "training sessions (aid center)", "/staff/training/", AID),
    Page("stations:training_create", "schedule a training session (form)", "/staff/training/new/", CLERK),
    Page("stations:training_detail", "training session, every head a page at a time (aid center)", "/staff/training/{training}/", AID),
    Page("stations:training_detail", "training session, one union's heads (clerk)", "/staff/training/{training}/", CLERK),
    Page("stations:training_detail", "training session, heads searched 南京东路 (aid center)", "/staff/training/{training}/?q=" + q("南京东路"), AID),
    Page("stations:training_untrained", "heads never trained, every union (aid center)", "/staff/training/untrained/", AID),
    Page("stations:training_untrained", "heads never trained, one union (clerk)", "/staff/training/untrained/", CLERK),
    Page("stations:campaign_report_status", "campaign reports status (JSON), every union", "/staff/campaigns/{campaign}/reports/status.json", AID),
    Page("campaigns", "public campaigns", "/campaigns/"),
    Page("campaign", "public campaign page, every station taking part", "/campaigns/{campaign}/"),
    Page("campaign", "public campaign page, one district", "/campaigns/{campaign}/?district={district}"),
    # 爱心互献: needs and offers (issue 23, item 4).
    Page("stations:station_need_list", "station needs (aid center)", "/staff/donations/needs/", AID),
    Page("stations:station_need_list", "station needs (clerk)", "/staff/donations/needs/", CLERK),
    Page("stations:station_need_create", "post a station need (form)", "/staff/donations/needs/new/", CLERK),
    Page("stations:station_need_detail", "a station need with its offer shortlist (aid center)", "/staff/donations/needs/{station_need}/", AID),
    Page("stations:donation_offer_list", "donation offers (aid center)", "/staff/donations/offers/", AID),
    Page("stations:donation_offer_create", "record a donation offer (form)", "/staff/donations/offers/new/", AID),
    Page("stations:donation_offer_detail", "a donation offer with its matches (aid center)", "/staff/donations/offers/{donation_offer}/", AID),
    Page("stations:listings_due", "listings to confirm (clerk)", "/staff/stations/confirm/", CLERK),
    Page("stations:alert_list", "heat and cold alerts (aid center)", "/staff/alerts/", AID),
    Page("stations:station_alert_hours", "a station's alert-mode hours (clerk, the busiest station)", "/staff/stations/{busy_station}/alert-hours/", CLERK),
    Page("stations:listings_due", "listings to confirm (aid center, every union)", "/staff/stations/confirm/", AID),
    Page("stations:registry", "registry (aid center)", "/staff/stations/", AID),
    Page("stations:registry", "registry, a deep page", "/staff/stations/?after={registry_deep}", AID),
    Page("stations:registry", "registry search 漕溪", f"/staff/stations/?q={q('漕溪')}", AID),
    Page("stations:registry", "registry search 徐家汇", f"/staff/stations/?q={q('徐家汇')}", AID),
    Page("stations:registry", "registry search 漕溪北路", f"/staff/stations/?q={q('漕溪北路')}", AID),
    Page("stations:registry", "registry, one district", "/staff/stations/?district={district}", AID),
    Page("stations:registry", "registry, status rectifying", "/staff/stations/?status=rectifying", AID),
    Page("stations:registry", "registry (clerk)", "/staff/stations/", CLERK),
    Page("stations:registry", "registry (city inspector)", "/staff/stations/", INSPECTOR),
    Page("stations:registry_export", "registry export's old address (a redirect back)", "/staff/stations/export.xlsx", AID, status=302),
    Page("stations:registry_export_detail", "registry export page", "/staff/stations/exports/{clerk_export}/", CLERK),
    Page("stations:registry_export_status", "registry export status (JSON)", "/staff/stations/exports/{clerk_export}/status.json", CLERK),
    Page("stations:staff_detail", "busiest station (aid center)", "/staff/stations/{busy_station}/", AID),
    Page("stations:staff_detail", "busiest station (clerk)", "/staff/stations/{busy_station}/", CLERK),
    Page("stations:staff_detail", "busiest station (city inspector)", "/staff/stations/{busy_station}/", INSPECTOR),
    Page("stations:staff_detail", "busiest station with its history (aid center)", "/staff/stations/{busy_station}/?history=1", AID),
    Page("stations:staff_detail", "busiest station with its history (clerk)", "/staff/stations/{busy_station}/?history=1", CLERK),
    Page("stations:acceptance_create", "acceptance form", "/staff/stations/{busy_station}/acceptance/", AID),
    Page("stations:agreement_create", "agreement form", "/staff/stations/{busy_station}/agreement/", AID),
    Page("stations:agreement_detail", "the agreement covering the most stations", "/staff/agreements/{busy_agreement}/", AID),
    Page("stations:agreement_scan", "agreement scan (download)", "/staff/agreements/{scan_agreement}/scan/", AID, "file", max_bytes=None),
    Page("stations:pledge_edit", "pledge form", "/staff/stations/{busy_station}/pledge/", AID),
    Page("stations:pledge_scan", "pledge scan (download)", "/staff/pledges/{busy_pledge}/scan/", AID, "file", max_bytes=None),
    Page("stations:insurance_create", "insurance form", "/staff/stations/{busy_station}/insurance/", AID),
    Page("stations:closure_create", "temporary closure form", "/staff/stations/{busy_station}/closure/", AID),
    Page("documents:status", "documents of the busiest station (JSON)", "/staff/documents/station/{busy_station}/status.json", AID),
    Page("documents:download", "pledge PDF (download)", "/staff/documents/{pledge_document}/download/", AID, "file", max_bytes=None),
    # --- Staff: feedback ------------------------------------------------------------------
    Page("stations:feedback_moderation", "feedback moderation", "/staff/feedback/", AID),
    Page("stations:feedback_moderation", "feedback moderation, a deep page", "/staff/feedback/?after={feedback_deep}", AID),
    Page("stations:feedback_moderation", "feedback moderation, serious only", "/staff/feedback/?serious=1", AID),
    Page("stations:feedback_moderation", "feedback moderation, hidden", "/staff/feedback/?status=hidden", AID),
    Page("stations:feedback_moderation", "feedback moderation, a quarter", "/staff/feedback/?since={since}&until={until}", AID),
    Page("stations:ticket_list", "tickets (aid center)", "/staff/feedback/tickets/", AID),
    Page("stations:ticket_list", "tickets, a deep page", "/staff/feedback/tickets/?after={tickets_deep}", AID),
    Page("stations:ticket_list", "tickets, open", "/staff/feedback/tickets/?status=open", AID),
    Page("stations:ticket_list", "tickets, a quarter", "/staff/feedback/tickets/?since={since}&until={until}", AID),
    Page("stations:ticket_list", "tickets (clerk)", "/staff/feedback/tickets/", CLERK),
    Page("stations:ticket_detail", "a ticket of the busiest station", "/staff/feedback/tickets/{busy_ticket}/", AID),
    # --- Staff: inspections ---------------------------------------------------------------
    Page("inspections:today", "inspector's today page", "/staff/inspections/today/", INSPECTOR),
    Page("inspections:check_list", "check list (aid center)", "/staff/inspections/checks/", AID),
    Page("inspections:check_list", "check list, a deep page", "/staff/inspections/checks/?after={checks_deep}", AID),
    Page("inspections:check_list", "check list, a quarter", "/staff/inspections/checks/?since={since}&until={until}", AID),
    Page("inspections:check_list", "check list, one district", "/staff/inspections/checks/?district={district}", AID),
    Page("inspections:check_list", "check list, flying checks", "/staff/inspections/checks/?kind=flying", AID),
    Page("inspections:check_list", "check list, red line", "/staff/inspections/checks/?red_line=1", AID),
    Page("inspections:check_list", "check list of the busiest station (its staff page's \"all N checks\")", "/staff/inspections/checks/?station={busy_station}", AID),
    Page("inspections:check_list", "check list (clerk)", "/staff/inspections/checks/", CLERK),
    Page("inspections:check_list", "check list (city inspector)", "/staff/inspections/checks/", INSPECTOR),
    Page("inspections:check_new", "new check form (city inspector)", "/staff/inspections/checks/new/", INSPECTOR),
    Page("inspections:check_new", "new check form (clerk: self-checks and peer reviews)", "/staff/inspections/checks/new/", CLERK),
    Page("inspections:check_stations", "chooser: stations near People's Square (city inspector)", "/staff/inspections/checks/stations.json?near={near}", INSPECTOR),
    Page("inspections:check_stations", "chooser: search 南京东路 (city inspector)", f"/staff/inspections/checks/stations.json?q={q('南京东路')}", INSPECTOR),
    Page("inspections:check_stations", "chooser: search 漕溪 (clerk)", f"/staff/inspections/checks/stations.json?q={q('漕溪')}", CLERK),
    Page("inspections:check_stations", "chooser: a remote place (city inspector)", "/staff/inspections/checks/stations.json?near=30.70,121.90", INSPECTOR),
    Page("inspections:check_new", "new check form, searched 南京东路 without JavaScript", f"/staff/inspections/checks/new/?q={q('南京东路')}", INSPECTOR),
    Page("inspections:check_day", "the day's data for the phone (city inspector)", "/staff/inspections/checks/day.json", INSPECTOR),
    Page("inspections:check_day", "the day's data for the phone (clerk)", "/staff/inspections/checks/day.json", CLERK),
    Page("inspections:check_detail", "a check of the busiest station", "/staff/inspections/checks/{busy_check}/", AID),
    Page("inspections:check_photo", "a check's photo (download)", "/staff/inspections/checks/{busy_check}/photos/{check_photo}/", AID, "file", max_bytes=None),
    Page("inspections:checklist", "checklist editor", "/staff/inspections/checklist/", AID),
    Page("inspections:order_list", "rectification orders (aid center)", "/staff/inspections/orders/", AID),
    Page("inspections:order_list", "orders, a deep page", "/staff/inspections/orders/?after={orders_deep}", AID),
    Page("inspections:order_list", "orders, open", "/staff/inspections/orders/?status=open", AID),
    Page("inspections:order_list", "orders of the busiest station (its staff page's \"all N orders\")", "/staff/inspections/orders/?station={busy_station}", AID),
    Page("inspections:order_list", "orders, a quarter", "/staff/inspections/orders/?since={since}&until={until}", AID),
    Page("inspections:order_list", "orders (clerk)", "/staff/inspections/orders/", CLERK),
    # The CSV is a job (inspections/orders/export.py): its old address sends the list's filters
    # back to the list; the job itself is measured in docs/BENCHMARKS.md (orders export).
    Page("inspections:order_export", "orders CSV's old address (a redirect back)", "/staff/inspections/orders/export.csv", AID, status=302),
    Page("inspections:order_export_detail", "order export page", "/staff/inspections/orders/exports/{clerk_order_export}/", CLERK),
    Page("inspections:order_export_status", "order export status (JSON)", "/staff/inspections/orders/exports/{clerk_order_export}/status.json", CLERK),
    Page("inspections:order_open", "open an order by hand (aid center)", "/staff/inspections/orders/new/", AID),
    Page("inspections:order_detail", "an order of the busiest station", "/staff/inspections/orders/{busy_order}/", AID),
    Page("inspections:order_answer", "answer an order (clerk)", "/staff/inspections/orders/{answerable_order}/answer/", CLERK),
    Page("inspections:order_photo", "an order's photo (download)", "/staff/inspections/orders/{busy_order}/photos/{order_photo}/", AID, "file", max_bytes=None),
    Page("inspections:plan_list", "inspection plans", "/staff/inspections/plans/", AID),
    Page("inspections:plan_detail", "the quarter's plan", "/staff/inspections/plans/{plan}/", AID),
    Page("inspections:plan_detail", "the quarter's plan, a deep page", "/staff/inspections/plans/{plan}/?after={plan_deep}", AID),
    Page("inspections:pairing_list", "peer-review pairings", "/staff/inspections/pairings/", AID),
    Page("inspections:appeal_list", "appeals (aid center)", "/staff/inspections/appeals/", AID),
    Page("inspections:appeal_list", "appeals, a deep page", "/staff/inspections/appeals/?after={appeals_deep}", AID),
    Page("inspections:appeal_list", "appeals, open", "/staff/inspections/appeals/?status=open", AID),
    Page("inspections:appeal_list", "appeals (clerk)", "/staff/inspections/appeals/", CLERK),
    Page("inspections:appeal_list", "appeals of the busiest station (its staff page's \"all appeals\")", "/staff/inspections/appeals/?station={busy_station}", AID),
    Page("inspections:appeal_detail", "an appeal of the busiest station", "/staff/inspections/appeals/{busy_appeal}/", AID),
    Page("inspections:appeal_evidence", "an appeal's evidence (download)", "/staff/inspections/appeals/{busy_appeal}/evidence/{appeal_evidence}/", AID, "file", max_bytes=None),
    Page("inspections:appeal_create", "appeal form (clerk)", "/staff/inspections/checks/{appealable_check}/appeal/", CLERK),
    Page("inspections:assessment_list", "assessments", "/staff/inspections/assessments/", AID),
    Page("inspections:assessment_detail", "the published assessment", "/staff/inspections/assessments/{assessment}/", AID),
    Page("inspections:assessment_detail", "the published assessment, a deep page", "/staff/inspections/assessments/{assessment}/?page={assessment_deep}", AID),
    # --- Staff: awards --------------------------------------------------------------------
    Page("awards:staff_years", "award years", "/staff/awards/", AID),
    Page("awards:staff_year", "award selection {year} (candidates of its published quarters)", "/staff/awards/{year}/", AID),
    Page("awards:staff_year", "award selection {year}, a deep page of the shortlist", "/staff/awards/{year}/?after={shortlist_deep}", AID),
    Page("awards:staff_year", "award selection {year}, one district", "/staff/awards/{year}/?district={district}", AID),
    Page("awards:staff_year", "award selection {year}, mean at least 95", "/staff/awards/{year}/?min_mean=95", AID),
    Page("awards:staff_year", "award selection {year}, the left out, a deep page", "/staff/awards/{year}/?left_out=1&after={shortlist_left_deep}", AID),
    Page("awards:staff_year", "award selection {award_year} (published)", "/staff/awards/{award_year}/", AID),
    Page("awards:staff_year", "award selection {award_year}, a deep page of its titles", "/staff/awards/{award_year}/?kind=excellent_station&tpage=200", AID),
    Page("awards:certificates", "certificates (clerk)", "/staff/awards/certificates/", CLERK),
    # 经费支持 (issue 23, item 6): the campaign's year, its goods delivered to every station.
    Page("awards:funding", "funding ledger (a redirect to this year's)", "/staff/funding/", AID, status=302),
    Page("awards:funding_year", "funding ledger {funding_year}, every union (aid center)", "/staff/funding/{funding_year}/", AID),
    Page("awards:funding_year", "funding ledger {funding_year}, own union (clerk)", "/staff/funding/{funding_year}/", CLERK),
    Page("awards:funding_union", "funding ledger {funding_year} of the clerk's union (aid center)", "/staff/funding/{funding_year}/union/{clerk_union}/", AID),
    Page("awards:funding_export", "funding ledger {funding_year}, the city's (xlsx)", "/staff/funding/{funding_year}/ledger.xlsx", AID, "file", max_bytes=None),
    Page("awards:funding_union_export", "funding ledger {funding_year} of the clerk's union (xlsx)", "/staff/funding/{funding_year}/union/{clerk_union}/ledger.xlsx", CLERK, "file", max_bytes=None),
]  # fmt: skip


# URL names with no row of their own, and why. A state change is a POST of one record: one
# row's transaction, measured by the service tests' query counts, not a page anyone waits
# on; the few that start work (a job, a batch) are measured by that job's own bench.
# Each named cache off (issue 22, item 3): the page a copy serves, drawn as if no copy were
# kept. Not judged (but for the staff homes' first visit): bench_pages.py says, for each,
# whether the page would meet its target without the cache, which is whether it earns its
# place. open-data has no row: its version names the built files (the GeoJSON's cold row
# above is the request that finds none).
def _without(page: Page, *names: str, label: str, judged: bool = False) -> Page:
    return Page(
        page.url, label, page.path, page.user, page.target, page.expect, page.headers,
        page.status, page.max_bytes, caches_off=names, judged=judged,
    )  # fmt: skip


def _row(label: str) -> Page:
    return next(page for page in PAGES if page.label == label)


WITHOUT_CACHES: list[Page] = [
    _without(_row("public station page (QR landing)"), "station-page", label="public station page, drawn (no kept copy)"),
    _without(_row("public station page of the busiest station"), "station-page", label="public station page of the busiest station, drawn"),
    _without(_row("rating form of the busiest station"), "station-page", label="rating form of the busiest station, drawn (no kept copy)"),
    _without(_row("public home"), "public-home-counts", label="public home, stations counted afresh"),
    _without(_row("public home"), "visits-total", label="public home, visits summed afresh"),
    _without(_row("public campaign page, every station taking part"), "campaign-pages", label="public campaign page, drawn"),
    _without(_row("public home"), "public-home-alert", label="public home, today's alerts read and counted afresh"),
    _without(_row("directory, first page"), "directory", label="directory, first page, drawn"),
    _without(_row("directory, first page"), "directory", "directory-counts", label="directory, first page, drawn and counted afresh"),
    _without(_row("directory, one district"), "directory", label="directory, one district, drawn"),
    _without(_row("directory, open now"), "directory", label="directory, open now, drawn"),
    _without(_row("rankings {ranked_path}"), "rankings-pages", label="rankings {ranked_path}, drawn"),
    _without(_row("rankings {ranked_path}"), "rankings-pages", "rankings-summaries", label="rankings {ranked_path}, drawn and summarised afresh"),
    _without(_row("rankings JSON {ranked_path}, page 50"), "rankings-pages", label="rankings JSON {ranked_path}, page 50, drawn"),
    _without(_row("rankings JSON {ranked_path}, page 50"), "rankings-pages", "rankings-summaries", label="rankings JSON {ranked_path}, page 50, drawn and summarised afresh"),
    _without(_row("honours of {award_year}"), "honours-pages", label="honours of {award_year}, drawn"),
    _without(_row("award selection {award_year}, a deep page of its titles"), "award-title-counts", label="award selection {award_year}, a deep page of its titles, counted afresh"),
    _without(_row("funding ledger {funding_year}, the city's (xlsx)"), "funding-workbook", label="funding ledger {funding_year}, the city's (xlsx), drawn afresh"),
    _without(_row("new check form, searched 南京东路 without JavaScript"), "current-checklist", label="new check form, searched 南京东路 without JavaScript, its checklist read afresh"),
    _without(_row("aid-center home"), "staff-home", label="aid-center home, first visit after a change", judged=True),
    _without(_row("clerk home (union staff)"), "staff-home", label="clerk home, first visit after a change", judged=True),
    _without(_row("inspector home"), "staff-home", label="inspector home, first visit after a change", judged=True),
    _without(_row("registry (aid center)"), "station-lists", label="registry (aid center), counted afresh"),
    _without(_row("registry search 漕溪"), "station-lists", label="registry search 漕溪, counted afresh"),
    _without(_row("the quarter's plan"), "station-lists", label="the quarter's plan, summarised afresh"),
    _without(_row("check list (aid center)"), "list-counts", label="check list (aid center), counted afresh"),
    _without(_row("feedback moderation"), "list-counts", label="feedback moderation, counted afresh"),
    _without(_row("filing as 附件1 (xlsx)"), "filing-workbook", label="filing as 附件1 (xlsx), drawn afresh"),
    _without(_row("review queue"), "review-acceptance-form", label="review queue, its acceptance fields drawn"),
]  # fmt: skip

POST_ONLY = "a POST that changes one record (no page of its own; answers with a redirect)"
EXEMPT: dict[str, str] = {
    "accounts:logout": POST_ONLY,
    "inspections:check_position_accept": POST_ONLY,
    "accounts:notice_read": POST_ONLY,
    "documents:request": "a POST that queues a document; the rendering is bench_pdf.py's",
    "documents:retry": POST_ONLY,
    "stations:visit": "a POST (the 'I used this station' tap): bench_load.py measures it under 32 connections",
    "stations:feedback_moderate": POST_ONLY,
    "stations:alert_create": POST_ONLY,
    "stations:alert_end": POST_ONLY,
    "stations:ticket_reply": POST_ONLY,
    "stations:ticket_close": POST_ONLY,
    "stations:filing_submit": POST_ONLY,
    "stations:review_bulk_approve": POST_ONLY,
    "stations:listings_confirm": POST_ONLY,
    "stations:campaign_allocation": POST_ONLY,
    "stations:station_need_match": POST_ONLY,
    "stations:donation_match_action": POST_ONLY,
    "stations:training_attendance": POST_ONLY,
    "stations:campaign_report_request": "a POST that queues the campaign report; bench_export.py measures the job",
    "stations:station_action": POST_ONLY,
    "stations:filing_paper_received": POST_ONLY,
    "stations:plaque_delivered": POST_ONLY,
    "stations:plaque_hung": POST_ONLY,
    "stations:registry_export_request": "a POST that queues the export job; bench_export.py measures the job",
    "inspections:check_send": "a POST of one check from the phone's outbox (the check service's own tests bound its queries)",
    "inspections:order_action": POST_ONLY,
    "inspections:order_export_request": "a POST that queues the order list's CSV job; the job's time at national size is in docs/BENCHMARKS.md",
    "inspections:plan_draw": POST_ONLY,
    "inspections:pairing_remove": POST_ONLY,
    "inspections:appeal_decide": POST_ONLY,
    "inspections:assessment_start": "a POST that starts the quarterly assessment job; bench_assessment.py measures the job",
    "inspections:assessment_publish": POST_ONLY,
    "awards:selection_save": POST_ONLY,
    "awards:publish": POST_ONLY,
    "awards:shortlist_make": "a POST that queues the shortlist's job; the job is bench_pages.py's shortlist row",
    "awards:shortlist_top": POST_ONLY,
    "awards:certificates_make": "a POST that queues the certificates; their rendering is bench_pdf.py's kind of work",
    "awards:confirm": POST_ONLY,
    "awards:citation": POST_ONLY,
    "awards:withdraw": POST_ONLY,
    "awards:support": POST_ONLY,
    "awards:funding_budget": POST_ONLY,
}  # fmt: skip
# Whole namespaces left out, and why.
EXEMPT_NAMESPACES: dict[str, str] = {
    "admin": "Django's own admin site, for the two administrators: its list pages paginate "
    "and count with Django's defaults, not a page of the programme's users",
}
