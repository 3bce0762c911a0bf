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
            <nav><a href="/console/review">確認待ち</a> <a href="/console/reports">報告</a> <a href="/console/targets">訪問候補</a>{{#frame.user.isAdmin}} <a href="/console/admin/users">ユーザー</a> <a href="/console/admin/devices">端末</a> <a href="/console/admin/branches">支店</a> <a href="/console/admin/audit">監査ログ</a>{{/frame.user.isAdmin}}</nav>
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
        ("review", """
            {{<layout}}{{$content}}
            <h1>確認待ち <span class="total">{{total}} 件</span></h1>
            <nav id="counts">
            <a href="{{allLink}}">すべて</a>
            {{#counts}}<a data-state="{{state}}" href="{{link}}"{{#current}} class="current"{{/current}}>{{label}} <span class="count">{{count}}</span></a>
            {{/counts}}
            </nav>
            <form id="filters" method="get" action="/console/review">
            <label>支店 <select name="branch"><option value="">すべて</option>{{#branches}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/branches}}</select></label>
            <label>担当者 <input name="staff" value="{{staff}}"></label>
            <label>種類 <select name="type"><option value="">すべて</option>{{#types}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/types}}</select></label>
            <label>日付 <input name="from" type="date" value="{{from}}"> 〜 <input name="to" type="date" value="{{to}}"></label>
            <label>状態 <select name="state"><option value="">すべて</option>{{#states}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/states}}</select></label>
            <button type="submit">絞り込む</button>
            </form>
            {{^hasRows}}<p id="empty">確認待ちの記録はありません</p>{{/hasRows}}
            {{#hasRows}}
            <table id="queue">
            <thead><tr><th>記録</th><th>日付</th><th>企業</th><th>担当者</th><th>支店</th><th>確認する理由</th></tr></thead>
            <tbody>
            {{#rows}}<tr data-record="{{key}}" data-state="{{states}}"><td><a href="{{path}}">{{typeLabel}}</a></td><td>{{date}}</td><td>{{company}}</td><td>{{staff}}</td><td>{{branch}}</td><td>{{reasons}}</td></tr>
            {{/rows}}
            </tbody>
            </table>
            <nav id="pages">
            {{#previous}}<a rel="prev" href="{{previous}}">前へ</a>{{/previous}}
            <span>{{pageNumber}} / {{pageCount}} ページ</span>
            {{#next}}<a rel="next" href="{{next}}">次へ</a>{{/next}}
            </nav>
            {{/hasRows}}
            {{/content}}{{/layout}}
            """),
        ("users", """
            {{<layout}}{{$content}}
            <h1>ユーザー</h1>
            <table id="users">
            <thead><tr><th>ユーザー名</th><th>役割</th><th>支店</th><th>状態</th><th>操作</th></tr></thead>
            <tbody>
            {{#users}}<tr data-user="{{name}}"><td>{{name}}</td><td>{{role}}</td><td>{{branches}}</td><td>{{state}}</td><td>
            {{#active}}<form class="disable" method="post" action="/console/admin/users/disable"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="name" value="{{name}}"><button type="submit">無効にする</button></form>{{/active}}
            <form class="password" method="post" action="/console/admin/users/password"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="name" value="{{name}}"><input name="password" type="password" minlength="8" required placeholder="新しいパスワード"><button type="submit">パスワード再設定</button></form>
            </td></tr>
            {{/users}}
            </tbody>
            </table>
            <h2>ユーザーの追加</h2>
            <form id="add-user" method="post" action="/console/admin/users/add">
            <input type="hidden" name="csrf" value="{{csrf}}">
            <label>ユーザー名 <input name="name" required></label>
            <label>役割 <select name="role"><option value="field">担当者</option><option value="manager">課長</option><option value="admin">管理者</option></select></label>
            <label>支店コード（複数は空白区切り） <input name="branches"></label>
            <label>パスワード（8文字以上） <input name="password" type="password" minlength="8" required></label>
            <button type="submit">追加</button>
            </form>
            {{/content}}{{/layout}}
            """),
        ("devices", """
            {{<layout}}{{$content}}
            <h1>端末</h1>
            <table id="devices">
            <thead><tr><th>ID</th><th>ユーザー</th><th>名前</th><th>登録</th><th>最終同期</th><th>状態</th><th>操作</th></tr></thead>
            <tbody>
            {{#devices}}<tr data-device="{{id}}"><td>{{id}}</td><td>{{user}}</td><td>{{name}}</td><td>{{enrolled}}</td><td>{{lastSeen}}</td><td>{{state}}</td><td>
            {{#active}}<form class="revoke" method="post" action="/console/admin/devices/revoke"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="id" value="{{id}}"><label><input type="checkbox" name="wipe"> 次の接続でデータを消去</label><button type="submit">登録を取り消す</button></form>{{/active}}
            </td></tr>
            {{/devices}}
            </tbody>
            </table>
            {{/content}}{{/layout}}
            """),
        ("branches", """
            {{<layout}}{{$content}}
            <h1>支店</h1>
            <table id="branches">
            <thead><tr><th>コード</th><th>名前</th></tr></thead>
            <tbody>{{#branches}}<tr><td>{{code}}</td><td>{{name}}</td></tr>
            {{/branches}}</tbody>
            </table>
            <h2>支店の追加</h2>
            <form id="add-branch" method="post" action="/console/admin/branches/add">
            <input type="hidden" name="csrf" value="{{csrf}}">
            <label>コード（英数字・-・_） <input name="code" required></label>
            <label>名前 <input name="name" required></label>
            <button type="submit">追加</button>
            </form>
            {{/content}}{{/layout}}
            """),
        ("audit", """
            {{<layout}}{{$content}}
            <h1>監査ログ <span class="total">{{total}} 件</span></h1>
            <form id="audit-filters" method="get" action="/console/admin/audit">
            <label>この日から <input name="since" type="date" value="{{since}}"></label>
            <label>ユーザー <input name="user" value="{{user}}"></label>
            <button type="submit">絞り込む</button>
            <a href="{{csv}}">CSV（UTF-8）</a> <a href="{{csv}}&amp;encoding=shift_jis">CSV（Shift_JIS）</a>
            </form>
            <table id="audit">
            <thead><tr><th>番号</th><th>日時</th><th>種類</th><th>ユーザー</th><th>端末</th><th>アドレス</th><th>内容</th></tr></thead>
            <tbody>{{#rows}}<tr>{{#cells}}<td>{{.}}</td>{{/cells}}</tr>
            {{/rows}}</tbody>
            </table>
            {{/content}}{{/layout}}
            """),
        // A report's table with its conflicts note and CSV links: a ``ReportSection`` or a
        // ``ConsoleBenchmark`` (header, rows, conflicts, csv).
        ("reportTable", """
            <table>
            <thead><tr>{{#header}}<th>{{.}}</th>{{/header}}</tr></thead>
            <tbody>{{#rows}}<tr>{{#.}}<td>{{.}}</td>{{/.}}</tr>
            {{/rows}}</tbody>
            </table>
            {{#conflicts}}<p class="warning">{{conflicts}}</p>{{/conflicts}}
            <p class="downloads"><a href="{{csv}}">CSV（UTF-8）</a> <a href="{{csv}}&amp;encoding=shift_jis">CSV（Shift_JIS）</a></p>
            """),
        ("reports", """
            {{<layout}}{{$content}}
            <h1>報告 {{yearLabel}} <span class="total">{{scope}}・（ ）内は{{previousLabel}}</span></h1>
            <nav id="report-tabs">{{#tabs}}<a href="{{value}}"{{#selected}} class="current" aria-current="page"{{/selected}}>{{label}}</a>{{/tabs}}</nav>
            <form id="report-filters" method="get" action="/console/reports">
            <input type="hidden" name="report" value="{{report}}">
            <label>年度 <select name="year">{{#years}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/years}}</select></label>
            <label>支店 <select name="branch"><option value="">すべて</option>{{#branches}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/branches}}</select></label>
            <button type="submit">表示</button>
            </form>
            {{#sections}}
            <section class="report" id="{{id}}">
            <h2>{{heading}}</h2>
            {{#chart}}<figure>{{{chart}}}</figure>{{/chart}}
            {{>reportTable}}
            </section>
            {{/sections}}
            {{#empty}}<p class="note">{{empty}}</p>{{/empty}}
            <p class="note">企業のローカルベンチマーク（6指標のレーダーチャート）は、その企業のページにあります。</p>
            {{/content}}{{/layout}}
            """),
        ("targets", """
            {{<layout}}{{$content}}
            <h1>訪問候補 <span class="total">{{today}} 現在・{{total}} 件</span></h1>
            <form id="target-filters" method="get" action="/console/targets">
            <label>区分 <select name="list"><option value="">すべて</option>{{#lists}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/lists}}</select></label>
            <label>支店 <select name="branch"><option value="">すべて</option>{{#branches}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/branches}}</select></label>
            <label>担当 <select name="staff"><option value="">すべて</option>{{#staff}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/staff}}</select></label>
            <button type="submit">表示</button>
            <a href="{{csv}}">CSV（UTF-8）</a> <a href="{{csv}}&amp;encoding=shift_jis">CSV（Shift_JIS）</a>
            </form>
            <table id="targets">
            <thead><tr><th>支店</th><th>担当</th><th>企業</th><th>区分</th><th>理由</th></tr></thead>
            <tbody>{{#rows}}<tr data-reason="{{reason}}"><td>{{branch}}</td><td>{{staff}}</td><td><a href="{{path}}">{{company}}</a></td><td>{{list}}</td><td>{{detail}}</td></tr>
            {{/rows}}</tbody>
            </table>
            {{#more}}<p class="note">{{more}}</p>{{/more}}
            {{/content}}{{/layout}}
            """),
        ("record", """
            {{<layout}}{{$content}}
            <h1>{{typeLabel}} {{heading}}</h1>
            <p class="meta">ID {{id}} ・ {{stateLabel}}{{#formVersion}} ・ {{formVersion}}{{/formVersion}}{{#deleted}} ・ <strong>削除済み</strong>{{/deleted}}</p>
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
            <div class="custom-value">
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
            {{#deletable}}
            <div class="decisions">
            <form id="restore" method="post" action="{{path}}/restore">
            <input type="hidden" name="csrf" value="{{csrf}}">
            <input type="hidden" name="version" value="{{version}}">
            <button type="submit">復元する</button>
            </form>
            {{#hasOtherConflicts}}
            <form id="confirm-deletion" method="post" action="{{path}}/confirm-deletion">
            <input type="hidden" name="csrf" value="{{csrf}}">
            <input type="hidden" name="version" value="{{version}}">
            <button type="submit">削除を確定する</button>
            </form>
            {{/hasOtherConflicts}}
            </div>
            {{/deletable}}
            {{#diagnosis}}<h2>診断結果</h2>
            <p id="diagnosis">{{diagnosis}}</p>{{/diagnosis}}
            {{#hasIndicators}}
            <h2>ローカルベンチマーク（6指標）</h2>
            <table id="indicators">
            {{#indicators}}<tr data-indicator="{{name}}"><th>{{label}}</th><td>{{value}}</td></tr>
            {{/indicators}}
            </table>
            {{/hasIndicators}}
            {{#benchmark}}
            <section id="benchmark">
            <h2>ローカルベンチマーク（決算期ごと）</h2>
            <figure>{{{chart}}}<figcaption>外側ほど良い値です。各軸の外周は決算期の中で最も良い値で、EBITDA有利子負債倍率と営業運転資本回転期間は小さいほど外側です（実質無借金など0以下は外周、EBITDAが0以下と算出できない値は中心）。</figcaption></figure>
            {{>reportTable}}
            </section>
            {{/benchmark}}
            {{#hasHistory}}
            <h2>変更履歴</h2>
            <table id="history">
            <thead><tr><th>日時</th><th>変更した人</th><th>内容</th></tr></thead>
            <tbody>{{#history}}<tr><td>{{time}}</td><td>{{author}}</td><td>{{changes}}</td></tr>
            {{/history}}</tbody>
            </table>
            {{/hasHistory}}
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
        .sibling, .custom-value { flex: 1; border: 1px solid #c8ccd2; border-radius: 4px; padding: .5rem .8rem; background: #fafbfc; }
        .sibling pre { white-space: pre-wrap; font-family: inherit; }
        .origin { color: #666; font-size: .9em; }
        .conflict { margin-bottom: 1rem; }
        .decisions { display: flex; gap: 2rem; margin-top: 1.5rem; }
        .decisions form, #login { display: flex; flex-direction: column; gap: .5rem; min-width: 20rem; }
        textarea, input { font: inherit; }
        #counts { display: flex; gap: 1rem; margin: .5rem 0 1rem; }
        #counts a { padding: .3rem .7rem; border: 1px solid #c8ccd2; border-radius: 4px; text-decoration: none; color: #1f3a5f; }
        #counts a.current, #report-tabs a.current { background: #1f3a5f; color: #fff; }
        #report-tabs { display: flex; gap: .5rem; margin: .5rem 0 1rem; }
        #report-tabs a { padding: .3rem .9rem; border: 1px solid #c8ccd2; border-radius: 4px; text-decoration: none; color: #1f3a5f; }
        #filters { display: flex; flex-wrap: wrap; gap: .6rem; align-items: end; margin-bottom: 1rem; }
        #pages { display: flex; gap: 1rem; margin-top: 1rem; }
        section.report, #benchmark { margin: 1.5rem 0 2rem; }
        .warning { color: #8a5a00; }
        .downloads a { margin-right: 1rem; }
        """
}
