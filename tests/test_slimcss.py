from pathlib import Path

from patienthub.publish.slimcss import parse, trim, trim_site, usage

HTML = '<body data-md-color-primary="indigo"><div class="md-typeset used"><p class="other">x</p></div></body>'
JS = 'el.classList.add("md-tooltip2--active")'


def trimmed(css: str, html: str = HTML, js: str = JS, elsewhere: str = "") -> str:
    return trim([css], usage([html], [js]), elsewhere)[0]


def test_rules_for_classes_no_page_or_script_has_are_dropped():
    css = ".used{a:1}.md-search__input{b:2}.md-typeset .used{c:3}.md-tooltip2--active{d:4}"
    assert trimmed(css) == ".used{a:1}.md-typeset .used{c:3}.md-tooltip2--active{d:4}"


def test_only_the_unused_selectors_of_a_list_go():
    assert trimmed(".used,.md-tabs,p{a:1}") == ".used,p{a:1}"


def test_classes_inside_not_is_where_has_never_drop_a_rule():
    css = ".used:not(.nowhere){a:1}:is(.nowhere,.used) p{b:2}.other:where(.x){c:3}"
    assert trimmed(css) == css


def test_palettes_the_site_does_not_use_are_dropped():
    css = "[data-md-color-primary=indigo]{--md-primary-fg-color:#4051b5}[data-md-color-primary=red]{--md-primary-fg-color:red}"
    assert (
        trimmed(css, elsewhere="var(--md-primary-fg-color)")
        == "[data-md-color-primary=indigo]{--md-primary-fg-color:#4051b5}"
    )


def test_custom_properties_nothing_reads_go_even_through_other_properties():
    css = ":root{--a:1;--b:var(--c);--c:2;--d:url('data:image/svg+xml;charset=utf-8,<svg/>')}.used{x:var(--a)}.md-search{y:var(--b)}"
    assert trimmed(css) == ":root{--a:1}.used{x:var(--a)}"


def test_media_blocks_are_trimmed_inside_and_dropped_when_empty_other_at_rules_stay():
    css = (
        '@charset "UTF-8";@media screen{.used{a:1}.md-tabs{b:2}}@media print{.md-tabs{c:3}}'
        "@keyframes spin{0%{x:1}to{x:2}}@font-face{font-family:x}/*# sourceMappingURL=main.css.map */"
    )
    assert (
        trimmed(css)
        == '@charset "UTF-8";@media screen{.used{a:1}}@keyframes spin{0%{x:1}to{x:2}}@font-face{font-family:x}'
    )


def test_braces_and_semicolons_in_strings_do_not_confuse_the_parser():
    css = '.used:before{content:"}{;"}.md-x{content:"a{b"}'
    assert trimmed(css) == '.used:before{content:"}{;"}'
    assert len(parse(css)) == 2


def test_a_built_site_keeps_its_file_names_and_gets_smaller(tmp_path: Path):
    css = tmp_path / "assets" / "stylesheets" / "main.abc123.min.css"
    css.parent.mkdir(parents=True)
    css.write_text(".used{a:1}" + ".md-search{b:2}" * 100, encoding="utf-8")
    (tmp_path / "assets" / "stylesheets" / "own.css").write_text(".nowhere{z:1}", encoding="utf-8")
    (tmp_path / "index.html").write_text(HTML, encoding="utf-8")
    sizes = trim_site(tmp_path)
    assert css.read_text(encoding="utf-8") == ".used{a:1}"
    assert sizes == {"assets/stylesheets/main.abc123.min.css": (10 + 15 * 100, 10)}
    assert (tmp_path / "assets" / "stylesheets" / "own.css").read_text(encoding="utf-8") == ".nowhere{z:1}"


def test_zensicals_theme_stylesheets_in_their_folder_per_look_are_trimmed_too(tmp_path: Path):
    sheets = tmp_path / "assets" / "stylesheets"
    for look in ("classic", "modern"):
        (sheets / look).mkdir(parents=True)
        (sheets / look / "main.0f1e2d3c.min.css").write_text(".used{a:1}.md-search{b:2}", encoding="utf-8")
        (sheets / look / "palette.4b5a6978.min.css").write_text(".md-search{b:2}", encoding="utf-8")
    (tmp_path / "index.html").write_text(HTML, encoding="utf-8")
    sizes = trim_site(tmp_path)
    assert sorted(sizes) == [
        f"assets/stylesheets/{look}/{name}.min.css"
        for look in ("classic", "modern")
        for name in ("main.0f1e2d3c", "palette.4b5a6978")
    ]
    assert (sheets / "classic" / "main.0f1e2d3c.min.css").read_text(encoding="utf-8") == ".used{a:1}"
    assert (sheets / "classic" / "palette.4b5a6978.min.css").read_text(encoding="utf-8") == ""


def test_usage_reads_class_and_palette_attributes_at_word_starts_only():
    used = usage(
        [
            "<p xclass=\"weg\" class='een twee'>",  # a rejected xclass does not hide the class after it
            '<div CLASS="Hoofdletters">',  # attribute names in any case; class names as written
            '<body data-md-color-primary="indigo" xdata-md-color-accent="weg">',
            "class=begin",  # no quotes: not read
        ],
        [],
    )
    assert used.classes == {"een", "twee", "Hoofdletters"}
    assert used.palette == {"data-md-color-primary": frozenset({"indigo"})}


def test_what_a_page_uses_is_kept_by_its_text_with_the_builds_part_of_the_cache():
    from patienthub.core import memo
    from patienthub.publish.slimcss import PAGE_USAGE_TABLE

    table = memo.table(PAGE_USAGE_TABLE)
    table.clear()
    page = '<div class="md-typeset used"><p class="other">x</p></div>'
    assert usage([page, page], []).classes == {"md-typeset", "used", "other"}
    assert len(table) == 1
    table[next(iter(table))] = (frozenset({"uit-de-cache"}), frozenset())  # the same text is not read again
    assert usage([page], []).classes == {"uit-de-cache"}
    assert usage([page.replace("other", "ander")], []).classes == {"md-typeset", "used", "ander"}  # new text
    assert len(table) == 2
    assert PAGE_USAGE_TABLE in memo.snapshot(build=True) and PAGE_USAGE_TABLE not in memo.snapshot()
    table.clear()
