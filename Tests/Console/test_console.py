"""The review console end to end: laptops make records with the real client, a manager
reviews them in headless Chromium, the laptops receive the decisions
(the pages' contract: Tests/Console/README.md)."""

from __future__ import annotations

import json
import re

from playwright.sync_api import expect

from conftest import (ADMIN, MANAGER, MIYAKO_MANAGER, SATO, SECURITY_HEADERS, SUZUKI, assert_redirected_to_login,
                      conflicted_visit, describe, log_in, open_page, path_of, queue_row, record_path, shot, submit,
                      submitted_visit)


def count_of(page, state: str) -> int:
    link = page.locator(f'#counts a[data-state="{state}"]')
    expect(link, f"#counts has no link for {state}").to_have_count(1)
    text = link.locator(".count").inner_text().strip()
    assert text.isdigit(), f"the count of {state} is {text!r}"
    return int(text)


def notice(page):
    return page.locator('p.notice[role="status"]')


def error(page):
    return page.locator('main p.error[role="alert"]')


# MARK: The conflict, resolved and approved in the console, reaches the laptops

def test_conflict_resolved_and_approved_reaches_the_laptop(laptop, console, harness):
    conflict = conflicted_visit(laptop)
    page = console(MANAGER)

    row = queue_row(page, conflict.visit)
    expect(row, f"the queue has no row for visit/{conflict.visit}; the page shows: {describe(page)}").to_have_count(1)
    states = (row.get_attribute("data-state") or "").split()
    assert "conflict" in states, f"the row's data-state is {states}"
    assert count_of(page, "conflict") >= 1

    row.locator("td").first.locator("a").click()
    page.wait_for_url(re.compile(re.escape(record_path(conflict.visit)) + "$"))
    expect(page.locator("h1")).to_contain_text(conflict.company_name)

    section = page.locator('form#resolve section.conflict[data-field="notes"]')
    expect(section, "no conflict section for notes inside form#resolve").to_have_count(1)
    siblings = section.locator(".sibling")
    expect(siblings).to_have_count(2)
    texts = [siblings.nth(i).inner_text() for i in range(2)]
    sato_index = next((i for i, text in enumerate(texts) if conflict.sato_notes in text), None)
    suzuki_index = next((i for i, text in enumerate(texts) if conflict.suzuki_notes in text), None)
    assert sato_index is not None and suzuki_index is not None, f"the competing values are not both shown: {texts}"
    assert SATO in texts[sato_index], f"佐藤's value does not show its author: {texts[sato_index]!r}"
    assert SUZUKI in texts[suzuki_index], f"鈴木's value does not show its author: {texts[suzuki_index]!r}"
    # Side by side: next to each other, not one under the other.
    first, second = siblings.nth(0).bounding_box(), siblings.nth(1).bounding_box()
    assert first and second and first["x"] != second["x"] and abs(first["y"] - second["y"]) < min(first["height"], second["height"]), \
        f"the competing values are not side by side: {first} {second}"
    expect(section.locator('input[type="radio"][name="choice-notes"][value="custom"]')).to_have_count(1)
    expect(section.locator('textarea[name="custom-notes"]')).to_have_count(1)
    expect(page.locator("form#approve"), "approve is offered while a conflict waits").to_have_count(0)

    siblings.nth(sato_index).locator('input[type="radio"][name="choice-notes"]').check()
    answer = submit(page, "form#resolve", record_path(conflict.visit) + "/resolve")
    assert answer.status == 303, f"resolving answered {answer.status}; the page shows: {describe(page)}"
    expect(notice(page)).to_contain_text("競合を解決しました")
    expect(page.locator("section.conflict")).to_have_count(0)
    expect(page.locator('#fields tr[data-field="notes"] td')).to_have_text(conflict.sato_notes)

    page.locator('form#approve textarea[name="comment"]').fill("確認しました。")
    answer = submit(page, "form#approve", record_path(conflict.visit) + "/approve")
    assert answer.status == 303, f"approving answered {answer.status}; the page shows: {describe(page)}"
    expect(notice(page)).to_contain_text("承認しました")

    conflict.sato.sync()
    shown = conflict.sato.show(conflict.visit)
    assert shown.get("notes") == conflict.sato_notes, shown
    assert shown.get("reviewState") == "approved", shown
    assert "conflicts" not in shown, shown
    assert "承認済み" in conflict.sato.run("visit", "show", conflict.visit).stdout
    conflict.suzuki.sync()
    assert conflict.suzuki.show(conflict.visit).get("notes") == conflict.sato_notes


# MARK: A returned record reaches its author

def test_returned_record_reaches_its_author(laptop, console, harness):
    sato = laptop(SATO)
    visit, _, _ = submitted_visit(sato)
    page = console(MANAGER)
    open_page(page, harness, record_path(visit))
    comment = "面談相手の役職を記入してください。"
    page.locator('form#return textarea[name="comment"]').fill(comment)
    answer = submit(page, "form#return", record_path(visit) + "/return")
    assert answer.status == 303, f"returning answered {answer.status}; the page shows: {describe(page)}"
    expect(notice(page)).to_contain_text("差戻しました")

    output = sato.sync()
    assert "returned for correction: 1" in output, output
    assert comment in output, output
    assert sato.show(visit).get("reviewState") == "returned"


# MARK: Who may log in, and what a login opens

def test_field_staff_are_refused_at_login(console, harness):
    page = console()
    answer = log_in(page, harness, SATO)
    assert answer.status == 403, f"a field user's login answered {answer.status}, not 403; the page shows: {describe(page)}"
    expect(error(page)).to_contain_text("この画面は課長・管理者用です")
    expect(page.locator("form#login"), "the refusal does not show the login form again").to_have_count(1)
    assert not [c for c in page.context.cookies() if c["name"] == "fv_session"], "a refused login set a session cookie"
    assert_redirected_to_login(page, harness, "/console/review")


def test_wrong_password_is_refused(console, harness):
    page = console()
    answer = log_in(page, harness, ADMIN, password="not-the-password")
    assert answer.status == 401, f"a wrong password answered {answer.status}, not 401; the page shows: {describe(page)}"
    expect(error(page)).to_have_text("ユーザー名またはパスワードが違います")
    assert_redirected_to_login(page, harness, "/console/review")


def test_an_administrator_reaches_the_queue(console, harness):
    page = console(ADMIN)
    expect(page.locator("#counts")).to_have_count(1)
    for state in ("submitted", "changed", "conflict", "deleted"):
        count_of(page, state)
    expect(page.locator("form#filters")).to_have_count(1)
    expect(page.locator("form#logout input[name=csrf]")).to_have_count(1)


def test_a_manager_of_another_branch_gets_404_by_url(laptop, console, harness):
    sato = laptop(SATO)
    visit, _, _ = submitted_visit(sato)
    # The morioka manager sees it: the 404 below is the branch's scope, not a missing page.
    open_page(console(MANAGER), harness, record_path(visit))

    page = console(MIYAKO_MANAGER)
    expect(queue_row(page, visit), "a morioka record is in the miyako manager's queue").to_have_count(0)
    open_page(page, harness, record_path(visit), status=404)
    expect(error(page)).to_have_text("記録が見つかりません")
    expect(page.locator("form#approve")).to_have_count(0)


# MARK: Forms without their csrf token are refused

def test_approve_without_csrf_is_refused(laptop, console, harness):
    sato = laptop(SATO)
    visit, _, _ = submitted_visit(sato)
    page = console(MANAGER)
    path = record_path(visit)
    open_page(page, harness, path)
    token = page.locator('form#approve input[name="csrf"]')
    expect(token, "form#approve has no csrf input").to_have_count(1)
    expect(page.locator('form#approve input[name="version"]')).to_have_count(1)

    page.evaluate("""() => document.querySelector('form#approve input[name="csrf"]').remove()""")
    answer = submit(page, "form#approve", path + "/approve")
    assert answer.status == 403, f"approve without csrf answered {answer.status}, not 403; the page shows: {describe(page)}"
    expect(error(page)).to_contain_text("フォームの有効期限が切れました")

    # A token that is not the session's is refused as well.
    open_page(page, harness, path)
    page.evaluate("""() => { document.querySelector('form#approve input[name="csrf"]').value = 'forged-' + '0'.repeat(32) }""")
    answer = submit(page, "form#approve", path + "/approve")
    assert answer.status == 403, f"approve with a forged csrf answered {answer.status}, not 403"

    open_page(page, harness, path)
    expect(notice(page)).to_have_count(0)
    expect(page.locator("form#approve"), "the record no longer offers approval").to_have_count(1)
    sato.sync()
    assert sato.show(visit).get("reviewState") == "submitted", "a refused approval changed the record"


# MARK: Values are text, never markup

def test_notes_with_markup_are_shown_as_text(laptop, console, harness):
    hostile = "<script>window.__pwned=1</script><b>太字</b>"
    sato = laptop(SATO)
    visit, _, _ = submitted_visit(sato, hostile)
    page = console(MANAGER)
    open_page(page, harness, record_path(visit))
    cell = page.locator('#fields tr[data-field="notes"] td')
    expect(cell).to_have_count(1)
    assert cell.inner_text().strip() == hostile, f"notes show as {cell.inner_text()!r}"
    expect(cell.locator("script, b")).to_have_count(0)
    assert page.evaluate("typeof window.__pwned") == "undefined", "the notes' script ran"


# MARK: Headers and the session cookie

def check_security_headers(response, what: str) -> None:
    headers = response.all_headers()
    wrong = {name: headers.get(name) for name, value in SECURITY_HEADERS.items() if headers.get(name) != value}
    assert not wrong, f"{what}: these headers differ from the contract: {wrong}"


def test_security_headers(laptop, console, harness):
    sato = laptop(SATO)
    visit, _, _ = submitted_visit(sato)
    page = console()
    check_security_headers(open_page(page, harness, "/console/login"), "the login page")
    answer = log_in(page, harness, MANAGER)
    assert answer.status == 303, f"logging in answered {answer.status}"
    check_security_headers(answer, "the login's answer")
    check_security_headers(open_page(page, harness, "/console/review"), "the queue")
    check_security_headers(open_page(page, harness, record_path(visit)), "a record page")
    css = open_page(page, harness, "/console/static/console.css")
    assert css.header_value("content-type").startswith("text/css"), css.header_value("content-type")


def test_session_cookie_flags(console, harness):
    page = console()
    answer = log_in(page, harness, MANAGER)
    assert answer.status == 303, f"logging in answered {answer.status}; the page shows: {describe(page)}"
    set_cookie = answer.header_value("set-cookie") or ""
    assert set_cookie.startswith("fv_session="), f"the login set {set_cookie!r}"
    attributes = {part.strip().split("=")[0].lower(): part.strip() for part in set_cookie.split(";")[1:]}
    assert "secure" in attributes and "httponly" in attributes, set_cookie
    assert attributes.get("samesite", "").lower() == "samesite=strict", set_cookie
    assert attributes.get("path") == "Path=/console", set_cookie
    cookie = next(c for c in page.context.cookies() if c["name"] == "fv_session")
    assert cookie["secure"] and cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/console", cookie
    assert page.evaluate("document.cookie").find("fv_session") == -1, "the session cookie is readable by scripts"


# MARK: Logout ends the session on the server

def test_logout_ends_the_session(console, new_context, harness):
    page = console()
    assert_redirected_to_login(page, harness, "/console")
    page = console(MANAGER)
    response = page.goto(harness.url + "/console")
    assert response is not None and path_of(page.url) == "/console/review", f"GET /console while logged in led to {path_of(page.url)}"
    cookie = next(c for c in page.context.cookies() if c["name"] == "fv_session")

    answer = submit(page, "form#logout", "/console/logout")
    assert answer.status == 303, f"logging out answered {answer.status}"
    assert path_of(page.url) == "/console/login", f"logging out led to {path_of(page.url)}"
    assert_redirected_to_login(page, harness, "/console/review")

    # The old cookie, sent again from elsewhere, no longer opens anything.
    replay = new_context()
    replay.add_cookies([{k: cookie[k] for k in ("name", "value", "domain", "path", "secure", "httpOnly", "sameSite")}])
    assert_redirected_to_login(replay.new_page(), harness, "/console/review")


# MARK: Reports: charts drawn by the server, CSV to download

HEARING_ANSWERS = {
    "fiscalPeriodEnd": "2026-03-31", "sales": 120000000, "hasPreviousPeriod": False,
    "operatingProfit": 6000000, "depreciation": 2000000, "employees": 15, "officers": 2, "borrowings": 50000000,
    "cashAndDeposits": 10000000, "receivables": 20000000, "inventory": 8000000, "payables": 6000000, "netAssets": 30000000,
    "totalAssets": 90000000,
    "ownerBirthYear": 1957, "managementVision": "地域のものづくりを次の世代へ", "successorStatus": "decided",
    "mainProducts": "自動車部品の精密切削加工", "businessTrend": "flat", "usesIT": True, "itUsage": "会計ソフト",
    "mainBankType": "shinkinBank", "bankCount": 2, "sharesFinancialsWithBank": True, "trialBalanceFrequency": "monthly",
    "preparesCashFlowTable": False, "hasBusinessPlan": True, "businessPlanYears": 5, "hasStaffShortage": True,
}


def earlier_period(prefix: str, end: str, sales: int, profit: int) -> dict:
    """The figures of an earlier accounting period of a hearing sheet (v2), under `prefix`."""
    figures = {"FiscalPeriodEnd": end, "Sales": sales, "OperatingProfit": profit, "Depreciation": 2000000, "Employees": 14,
               "Officers": 2, "Borrowings": 52000000, "CashAndDeposits": 9000000, "Receivables": 18000000, "Inventory": 8000000,
               "Payables": 6000000, "NetAssets": 27000000, "TotalAssets": 88000000}
    return {prefix + key: value for key, value in figures.items()}


def cohort_company_with_two_hearing_sheets(owner) -> tuple[str, str]:
    """A morioka company of the disaster cohort, visited this year, with two hearing sheets:
    one on the accounts to March 2025, then one holding three periods to March 2026, the
    figures moving: (company, name)."""
    name = "株式会社三陸水産加工"
    company = owner.created("company", "add", "--name", name, "--branch", "morioka", "--cohort", "disasterAffectedOther")
    owner.visit(company, "被災後の再建状況を確認。", purpose="disasterFollowUp")
    for date, changes in [("2025-06-01", {"fiscalPeriodEnd": "2025-03-31", "sales": 100000000, "operatingProfit": 2000000,
                                          "netAssets": 20000000}),
                          ("2026-06-01", {"hasPreviousPeriod": True, "hasTwoPeriodsAgo": True,
                                          **earlier_period("previous", "2025-03-31", 100000000, 2500000),
                                          **earlier_period("twoPeriodsAgo", "2024-03-31", 90000000, 1000000)})]:
        answers = owner.home / f"answers-{date}.json"
        answers.write_text(json.dumps({**HEARING_ANSWERS, **changes}, ensure_ascii=False), encoding="utf-8")
        owner.created("hearing", "fill", "--company", company, "--date", date, "--answers", str(answers))
    owner.sync()
    return company, name


def test_reports_draw_charts_and_download_csv(laptop, console, harness):
    sato = laptop(SATO)
    company, name = cohort_company_with_two_hearing_sheets(sato)
    page = console(MANAGER)

    open_page(page, harness, "/console/reports")
    expect(page.locator("section#visits figure svg")).to_have_count(1)
    with page.expect_download() as download:
        page.locator("section#visits").get_by_role("link", name="CSV（Shift_JIS）").click()
    assert "訪問目的" in open(download.value.path(), "rb").read().decode("cp932")

    # Each report has its tab; the funnels' tab draws each cohort with companies.
    page.locator("#report-tabs").get_by_role("link", name="フォローアップ").click()
    page.wait_for_url(re.compile(r"report=funnel"))
    funnel = page.locator("section#funnel-disasterAffectedOther")
    expect(funnel.locator("svg.funnel polygon"), "the cohort's funnel is not drawn with a band per stage").to_have_count(3)
    expect(funnel.locator("tbody tr").first).to_contain_text("対象企業")
    bands = [funnel.locator("svg.funnel polygon").nth(i).bounding_box() for i in range(3)]
    assert all(bands) and bands[0]["y"] < bands[1]["y"] < bands[2]["y"], f"the funnel's stages are not one under the other: {bands}"

    # The CSV is the table, in UTF-8 with the byte order mark Excel needs, or in Shift_JIS.
    with page.expect_download() as download:
        funnel.get_by_role("link", name="CSV（UTF-8）").click()
    data = open(download.value.path(), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf"), f"the CSV has no byte order mark: {data[:20]!r}"
    lines = data[3:].decode("utf-8").splitlines()
    assert lines[0].startswith("段階,企業数（令和"), lines
    assert any(line.startswith("対象企業,") for line in lines), lines
    page.locator("section#funnel-disasterAffectedOther").scroll_into_view_if_needed()
    shot(page, harness, "report-funnel")

    # The company's page draws its local benchmark: one outline per accounting period, the
    # period both sheets hold counted once.
    open_page(page, harness, f"/console/records/company/{company}")
    radar = page.locator("section#benchmark svg.radar")
    expect(radar).to_have_count(1)
    expect(radar.locator("polygon[fill-opacity]"), "not one outline per accounting period").to_have_count(3)
    expect(page.locator("section#benchmark thead")).to_contain_text("2024年3月期")
    expect(page.locator("section#benchmark tbody")).to_contain_text("ポイント")
    page.locator("section#benchmark").scroll_into_view_if_needed()
    shot(page, harness, "benchmark")

    # Another branch's manager does not see the company's figures.
    other = console(MIYAKO_MANAGER)
    answer = other.goto(harness.url + f"/console/reports/benchmark.csv?company={company}")
    assert answer is not None and answer.status == 404, f"another branch's manager got the benchmark: {answer and answer.status}"


# MARK: Screenshots for people to look at

def test_screenshots(laptop, console, harness):
    conflict = conflicted_visit(laptop)
    page = console(MANAGER)
    written = [shot(page, harness, "queue")]
    expect(queue_row(page, conflict.visit)).to_have_count(1)
    open_page(page, harness, record_path(conflict.visit))
    expect(page.locator("section.conflict")).not_to_have_count(0)
    written.append(shot(page, harness, "record-conflict"))
    reports = page.goto(harness.url + "/console/reports")
    assert reports is not None and reports.status == 200, f"/console/reports answered {reports and reports.status}"
    expect(page.locator("section#visits figure svg")).to_have_count(1)
    expect(page.locator("section#visits tbody tr")).not_to_have_count(0)
    written.append(shot(page, harness, "report"))
    for path in written:
        assert path.is_file() and path.stat().st_size > 0, f"{path} was not written"
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
