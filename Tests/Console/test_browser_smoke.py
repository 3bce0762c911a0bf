"""The harness itself, without the console's pages: Chromium reaches the server over
HTTPS, and Japanese text renders with real glyphs (fonts-noto-cjk), not boxes."""

from __future__ import annotations

import json

from conftest import open_page, shot

JAPANESE = """<!doctype html><html lang="ja"><meta charset="utf-8">
<body style="font: 24px sans-serif; margin: 24px">
<h1>確認待ちの記録</h1>
<p>盛岡支店・宮古支店 — 佐藤 花子、鈴木 一郎、高橋 課長</p>
<p>社長と面談。設備更新は来春に決定。承認しました。差戻しました。競合を解決しました。</p>
</body></html>"""

# Draws two different characters; a missing font draws both as the same box (or nothing).
GLYPHS = """() => {
  const canvas = document.createElement('canvas'); canvas.width = canvas.height = 64;
  const g = canvas.getContext('2d');
  const draw = (c) => { g.clearRect(0, 0, 64, 64); g.font = '48px sans-serif'; g.fillText(c, 4, 52);
                        return Array.from(g.getImageData(0, 0, 64, 64).data).join(','); };
  const a = draw('日'), b = draw('本');
  return { inked: a.split(',').some((v) => v !== '0'), differ: a !== b };
}"""


def test_chromium_reaches_the_server_over_https(new_context, harness):
    page = new_context().new_page()
    open_page(page, harness, "/health")
    body = page.inner_text("body")
    assert "ok" in body, body
    assert json.loads(body)["status"] == "ok", body
    assert page.url.startswith("https://"), page.url


def test_japanese_text_renders(new_context, harness):
    page = new_context().new_page()
    page.set_content(JAPANESE)
    assert page.inner_text("h1") == "確認待ちの記録"
    glyphs = page.evaluate(GLYPHS)
    assert glyphs == {"inked": True, "differ": True}, f"Japanese renders as boxes (apt-get install fonts-noto-cjk): {glyphs}"
    path = shot(page, harness, "smoke-japanese")
    assert path.is_file() and path.stat().st_size > 0
