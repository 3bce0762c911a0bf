"""The console suite's harness: the live server Tests/Console/run started, laptops
driven with the real `fieldvisit` client, and headless Chromium through Playwright.

Everything comes from the environment Tests/Console/run sets (README.md)."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Response, expect, sync_playwright

# The office Tests/Console/run provisioned.
MANAGER = "高橋 課長"         # manager, morioka
SATO = "佐藤 花子"            # field, morioka
SUZUKI = "鈴木 一郎"          # field, morioka
MIYAKO_MANAGER = "田中 次長"  # manager, miyako only
ADMIN = "管理者"              # admin

CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
}


@dataclass(frozen=True)
class Harness:
    url: str
    ca: Path
    client: Path
    server: Path
    data: Path
    work: Path
    password: str
    artifacts: Path
    chromium: str
    timeout_ms: int


def _required(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        pytest.exit(f"{name} is not set: run the suite with `bash Tests/Console/run` (Tests/Console/README.md)", returncode=2)
    return value


@pytest.fixture(scope="session")
def harness() -> Harness:
    artifacts = Path(os.environ.get("CONSOLE_ARTIFACTS") or ".build-console/artifacts").resolve()
    artifacts.mkdir(parents=True, exist_ok=True)
    timeout_ms = int(os.environ.get("CONSOLE_TIMEOUT_MS") or "10000")
    expect.set_options(timeout=timeout_ms)
    return Harness(
        url=_required("CONSOLE_URL").rstrip("/"),
        ca=Path(_required("CONSOLE_CA")),
        client=Path(_required("FIELDVISIT_BIN")),
        server=Path(_required("FIELDVISIT_SERVER_BIN")),
        data=Path(_required("CONSOLE_DATA")),
        work=Path(_required("CONSOLE_WORK")),
        password=_required("CONSOLE_PASSWORD"),
        artifacts=artifacts,
        chromium=os.environ.get("CONSOLE_CHROMIUM") or "/usr/bin/chromium",
        timeout_ms=timeout_ms,
    )


# MARK: Laptops: the real field client, one store each

class Laptop:
    """A laptop of `user`: its own store (--home), enrolled with the server."""

    _counter = itertools.count(1)

    def __init__(self, harness: Harness, user: str):
        self.harness = harness
        self.user = user
        self.home = harness.work / "laptops" / f"{next(self._counter):02d}-{uuid.uuid4().hex[:8]}"

    def run(self, *arguments: str, input: str | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
        environment = {k: v for k, v in os.environ.items() if not k.startswith("FIELDVISIT_")}
        environment["LOG_LEVEL"] = "warning"
        environment["FIELDVISIT_LANG"] = "en"  # the tests read the English output
        command = [str(self.harness.client), *arguments, "--home", str(self.home)]
        result = subprocess.run(command, input=input if input is not None else "", capture_output=True, text=True,
                                env=environment, timeout=120)
        if check and result.returncode != 0:
            raise AssertionError(f"`fieldvisit {' '.join(arguments)}` ({self.user}'s laptop) exited with {result.returncode}\n"
                                 f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}")
        return result

    def created(self, *arguments: str) -> str:
        """Runs a command that prints the new record's id on its first line."""
        output = self.run(*arguments).stdout.strip()
        assert output, f"`fieldvisit {' '.join(arguments)}` printed no id"
        return output.splitlines()[0].strip()

    def enrol(self) -> "Laptop":
        self.run("init", "--user", self.user)
        self.run("login", "--server", self.harness.url, "--user", self.user, "--ca-file", str(self.harness.ca),
                 "--device-name", f"{self.user}のノートPC", "--password-stdin", input=self.harness.password + "\n")
        return self

    def sync(self) -> str:
        return self.run("sync").stdout

    def company(self, name: str | None = None, branch: str = "morioka") -> tuple[str, str]:
        """A new company of `branch`: (id, name)."""
        name = name or f"株式会社テスト{uuid.uuid4().hex[:6]}"
        return self.created("company", "add", "--name", name, "--branch", branch), name

    def visit(self, company: str, notes: str, purpose: str = "companyVisit") -> str:
        return self.created("visit", "record", "--company", company, "--purpose", purpose, "--notes", notes)

    def submit(self, visit: str) -> None:
        output = self.run("visit", "submit", visit).stdout
        assert "submitted" in output, output

    def edit_notes(self, visit: str, notes: str) -> None:
        self.run("visit", "edit", visit, "--notes", notes)

    def show(self, visit: str) -> dict:
        """`fieldvisit visit show ID --json`: field name → value."""
        return json.loads(self.run("visit", "show", visit, "--json").stdout)


@pytest.fixture
def laptop(harness: Harness) -> Callable[[str], Laptop]:
    """Makes enrolled laptops: `laptop(SATO)`."""
    return lambda user: Laptop(harness, user).enrol()


def submitted_visit(owner: Laptop, notes: str = "社長と面談。資金繰りの相談あり。") -> tuple[str, str, str]:
    """A visit of a new morioka company, submitted for review and synced: (visit, company, company name)."""
    company, name = owner.company()
    visit = owner.visit(company, notes)
    owner.submit(visit)
    owner.sync()
    return visit, company, name


@dataclass
class Conflict:
    visit: str
    company_name: str
    sato: Laptop
    suzuki: Laptop
    sato_notes: str
    suzuki_notes: str


def conflicted_visit(laptop: Callable[[str], Laptop]) -> Conflict:
    """佐藤 and 鈴木 both hold a submitted visit, edit its notes offline differently and sync:
    the server holds both values of notes."""
    sato, suzuki = laptop(SATO), laptop(SUZUKI)
    visit, _, name = submitted_visit(sato, "社長と面談。")
    suzuki.sync()
    assert suzuki.show(visit).get("notes") == "社長と面談。", "鈴木's laptop did not receive 佐藤's visit"
    mine, theirs = "社長と面談。設備更新は来春に決定。", "社長と面談。設備更新は見送り、運転資金を優先。"
    sato.edit_notes(visit, mine)
    suzuki.edit_notes(visit, theirs)
    sato.sync()
    second = suzuki.sync()
    assert "new conflicts: 1" in second, f"the second laptop's sync reported no conflict:\n{second}"
    return Conflict(visit, name, sato, suzuki, mine, theirs)


# MARK: The browser

@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright, harness: Harness) -> Iterator[Browser]:
    # Debian's Chromium, not one of Playwright's downloads; as root it needs --no-sandbox.
    browser = playwright_driver.chromium.launch(executable_path=harness.chromium, headless=True, args=["--no-sandbox"])
    yield browser
    browser.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture
def new_context(browser: Browser, harness: Harness, request) -> Iterator[Callable[[], BrowserContext]]:
    """Makes browser contexts (one per person or session): 1280×900, ja-JP, the server's
    own CA's certificate accepted. A failed test leaves a screenshot of each page."""
    contexts: list[BrowserContext] = []

    def make() -> BrowserContext:
        context = browser.new_context(ignore_https_errors=True, viewport={"width": 1280, "height": 900},
                                      locale="ja-JP", timezone_id="Asia/Tokyo")
        context.set_default_timeout(harness.timeout_ms)
        context.set_default_navigation_timeout(harness.timeout_ms)
        contexts.append(context)
        return context

    yield make
    failed = getattr(request.node, "report_call", None) is not None and request.node.report_call.failed
    for index, context in enumerate(contexts):
        if failed:
            for number, page in enumerate(context.pages):
                try:
                    page.screenshot(path=str(harness.artifacts / f"failed-{request.node.name}-{index}-{number}.png"), full_page=True)
                except Exception:
                    pass
        context.close()


def path_of(url: str) -> str:
    return urlsplit(url).path


def describe(page: Page) -> str:
    """The start of what the page shows, for assertion messages."""
    try:
        return page.inner_text("body")[:400].replace("\n", " ⏎ ")
    except Exception:
        return page.content()[:400]


def open_page(page: Page, harness: Harness, path: str, status: int = 200) -> Response:
    """GETs `path`, which must answer `status` (after any redirect)."""
    response = page.goto(harness.url + path)
    assert response is not None, f"GET {path}: no response"
    assert response.status == status, f"GET {path} answered {response.status}, not {status}; the page shows: {describe(page)}"
    return response


def first_response(response: Response) -> Response | None:
    """The response to the first request of a chain of redirects."""
    request = response.request
    while request.redirected_from is not None:
        request = request.redirected_from
    return request.response()


def assert_redirected_to_login(page: Page, harness: Harness, path: str) -> None:
    response = page.goto(harness.url + path)
    assert response is not None, f"GET {path}: no response"
    assert path_of(page.url) == "/console/login", (
        f"GET {path} ended at {path_of(page.url)} with {response.status}, not at the login page; the page shows: {describe(page)}")
    first = first_response(response)
    assert first is not None and first.status == 303, f"GET {path} answered {first.status if first else '?'}, not 303"


def submit(page: Page, form: str, path: str) -> Response:
    """Clicks the submit button of the form `form` (a selector) and returns the answer to
    its POST, whatever it is (before any redirect is followed)."""
    button = page.locator(f"{form} [type=submit]")
    expect(button, f"{form} has no submit button").to_have_count(1)
    # The page the POST's answer leads to (after a 303, the page redirected to) is loaded
    # before the test goes on.
    with page.expect_navigation():
        with page.expect_response(lambda r: r.request.method == "POST" and path_of(r.url) == path) as answer:
            button.click()
    return answer.value


def log_in(page: Page, harness: Harness, user: str, password: str | None = None) -> Response:
    """Fills and posts the login form; returns the POST's answer."""
    open_page(page, harness, "/console/login")
    form = page.locator("form#login")
    expect(form, "the login page has no form#login").to_have_count(1)
    expect(form.locator("input[name=csrf]"), "the login form has no csrf input").to_have_count(1)
    form.locator("input[name=user]").fill(user)
    form.locator("input[name=password][type=password]").fill(password if password is not None else harness.password)
    return submit(page, "form#login", "/console/login")


@pytest.fixture
def console(new_context: Callable[[], BrowserContext], harness: Harness) -> Callable[..., Page]:
    """A page in a fresh context; with a user, logged in on the console (and at the queue)."""

    def open_console(user: str | None = None) -> Page:
        page = new_context().new_page()
        if user is not None:
            answer = log_in(page, harness, user)
            assert answer.status == 303, f"logging in as {user} answered {answer.status}, not 303; the page shows: {describe(page)}"
            assert path_of(page.url) == "/console/review", f"logging in as {user} led to {path_of(page.url)}, not /console/review"
        return page

    return open_console


def record_path(visit: str) -> str:
    return f"/console/records/visit/{visit}"


def queue_row(page: Page, visit: str):
    return page.locator(f'#queue tbody tr[data-record="visit/{visit}"]')


def shot(page: Page, harness: Harness, name: str) -> Path:
    path = harness.artifacts / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
