import Mustache

/// The console's pages as Mustache templates: every `{{value}}` is HTML-escaped, so a
/// record's text always shows as text. `layout` is the frame every page fills in.
enum ConsoleTemplates {
    /// The templates, parsed once.
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in sources {
            // The templates are part of the program: a syntax error is a bug, caught by every console test.
            library.register(try! MustacheTemplate(string: text), named: name)
        }
        return library
    }()

    /// Renders `page` with the template `name`.
    static func render(_ page: Any, _ name: String) -> String {
        library.render(page, withTemplate: name) ?? ""
    }

    private static let sources: [(String, String)] = [
        ("layout", """
            <!DOCTYPE html>
            <html lang="ja">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{frame.title}} — FieldVisit</title>
            <link rel="stylesheet" href="/console/static/console.css">
            </head>
            <body>
            <header>
            <a class="brand" href="/console/review">FieldVisit 確認コンソール</a>
            {{#frame.user}}
            <nav><a href="/console/review">確認待ち</a></nav>
            <form id="logout" method="post" action="/console/logout">
            <span class="user">{{name}}（{{roleLabel}}）</span>
            <input type="hidden" name="csrf" value="{{csrf}}">
            <button type="submit">ログアウト</button>
            </form>
            {{/frame.user}}
            </header>
            <main>
            {{#frame.notice}}<p class="notice" role="status">{{frame.notice}}</p>{{/frame.notice}}
            {{#frame.error}}<p class="error" role="alert">{{frame.error}}</p>{{/frame.error}}
            {{$content}}{{/content}}
            </main>
            </body>
            </html>
            """),
        ("login", """
            {{<layout}}{{$content}}
            <h1>ログイン</h1>
            <form id="login" method="post" action="/console/login">
            <input type="hidden" name="csrf" value="{{csrf}}">
            <label>ユーザー名 <input name="user" autocomplete="username" required value="{{userName}}"></label>
            <label>パスワード <input name="password" type="password" autocomplete="current-password" required></label>
            <button type="submit">ログイン</button>
            </form>
            <p class="hint">現場の職員は fieldvisit（ノートPC）で記録し、差戻しも同期で受け取ります。この画面は課長・管理者用です。</p>
            {{/content}}{{/layout}}
            """),
        ("message", """
            {{<layout}}{{$content}}
            <h1>{{frame.title}}</h1>
            <p><a href="/console/review">確認待ちの一覧へ</a></p>
            {{/content}}{{/layout}}
            """),
        ("record", """
            {{<layout}}{{$content}}
            <h1>{{typeLabel}} {{heading}}</h1>
            <p class="meta">ID {{id}} ・ {{stateLabel}}{{#deleted}} ・ <strong>削除済み</strong>{{/deleted}}</p>
            {{#hasOtherConflicts}}<ul class="other-conflicts">{{#otherConflicts}}<li>{{.}}</li>{{/otherConflicts}}</ul>{{/hasOtherConflicts}}
            {{#hasConflicts}}
            <form id="resolve" method="post" action="{{path}}/resolve">
            <input type="hidden" name="csrf" value="{{csrf}}">
            <input type="hidden" name="version" value="{{version}}">
            {{#conflicts}}
            <section class="conflict" data-field="{{field}}">
            <h2>競合: {{label}}</h2>
            <div class="siblings">
            {{#siblings}}
            <div class="sibling">
            <label><input type="radio" name="choice-{{field}}" value="{{number}}" required> 案{{number}}</label>
            <pre class="value">{{value}}</pre>
            <p class="origin">{{author}} ・ {{time}} ・ {{device}}</p>
            </div>
            {{/siblings}}
            <div class="sibling custom">
            <label><input type="radio" name="choice-{{field}}" value="custom"> 入力する</label>
            <textarea name="custom-{{field}}" rows="3"></textarea>
            </div>
            </div>
            </section>
            {{/conflicts}}
            <button type="submit">競合を解決</button>
            </form>
            {{/hasConflicts}}
            <table id="fields">
            {{#fields}}<tr data-field="{{name}}"><th>{{label}}</th><td>{{value}}</td></tr>
            {{/fields}}
            </table>
            {{#reviewable}}
            <div class="decisions">
            {{#approvable}}
            <form id="approve" method="post" action="{{path}}/approve">
            <input type="hidden" name="csrf" value="{{csrf}}">
            <input type="hidden" name="version" value="{{version}}">
            <label>コメント（任意）<textarea name="comment" rows="2"></textarea></label>
            <button type="submit">承認</button>
            </form>
            {{/approvable}}
            <form id="return" method="post" action="{{path}}/return">
            <input type="hidden" name="csrf" value="{{csrf}}">
            <input type="hidden" name="version" value="{{version}}">
            <label>差戻しの理由<textarea name="comment" rows="2" required></textarea></label>
            <button type="submit">差戻し</button>
            </form>
            </div>
            {{/reviewable}}
            {{/content}}{{/layout}}
            """),
    ]

    /// The stylesheet, `GET /console/static/console.css`: a file of its own, as the
    /// content security policy allows no inline style.
    static let stylesheet = """
        body { font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", sans-serif; margin: 0; color: #222; }
        header { display: flex; gap: 1.5rem; align-items: center; padding: .6rem 1.2rem; background: #1f3a5f; color: #fff; }
        header a { color: #fff; text-decoration: none; }
        header .brand { font-weight: bold; }
        header form { margin-left: auto; }
        main { padding: 1rem 1.5rem; max-width: 80rem; }
        .error { background: #fde8e8; border-left: 4px solid #c0392b; padding: .5rem .8rem; }
        .notice { background: #e8f6ec; border-left: 4px solid #2e8b57; padding: .5rem .8rem; }
        table { border-collapse: collapse; width: 100%; }
        th, td { border-bottom: 1px solid #ddd; padding: .35rem .5rem; text-align: left; vertical-align: top; }
        th { white-space: nowrap; color: #444; font-weight: normal; background: #f6f7f9; }
        td { white-space: pre-wrap; }
        .siblings { display: flex; gap: 1rem; }
        .sibling { flex: 1; border: 1px solid #c8ccd2; border-radius: 4px; padding: .5rem .8rem; background: #fafbfc; }
        .sibling pre { white-space: pre-wrap; font-family: inherit; }
        .origin { color: #666; font-size: .9em; }
        .conflict { margin-bottom: 1rem; }
        .decisions { display: flex; gap: 2rem; margin-top: 1.5rem; }
        .decisions form, #login { display: flex; flex-direction: column; gap: .5rem; min-width: 20rem; }
        textarea, input { font: inherit; }
        #counts { display: flex; gap: 1rem; margin: .5rem 0 1rem; }
        #counts a { padding: .3rem .7rem; border: 1px solid #c8ccd2; border-radius: 4px; text-decoration: none; color: #1f3a5f; }
        #counts a.current { background: #1f3a5f; color: #fff; }
        #filters { display: flex; flex-wrap: wrap; gap: .6rem; align-items: end; margin-bottom: 1rem; }
        #pages { display: flex; gap: 1rem; margin-top: 1rem; }
        """
}
