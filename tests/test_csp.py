import pytest

from patienthub.build import csp
from patienthub.core.errors import ConfigError
from patienthub.load.config import Config, HtmlConfig


def test_source_hash_is_the_csp_sha256_of_the_exact_text():
    assert csp.source_hash("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    assert csp.source_hash("a") != csp.source_hash("a ")  # whitespace counts, as in the browser


def test_inline_scripts_are_only_the_executable_ones():
    html = (
        "<head><script>var a=1</script>"
        '<script src="bundle.js"></script>'
        '<script id="__config" type="application/json">{"x": "</b>"}</script>'
        '<script type="module">import x from "./x.js"</script>'
        "</head><body><p>&lt;script&gt;tekst&lt;/script&gt;</p><SCRIPT>b&amp;c</SCRIPT></body>"
    )
    assert csp.inline_scripts(html) == ["var a=1", 'import x from "./x.js"', "b&amp;c"]


def test_policy_without_embeds_allows_nothing_foreign():
    policy = csp.policy(HtmlConfig(), ["'sha256-b'", "'sha256-a'", "'sha256-a'"])
    assert policy.startswith("default-src 'self'; script-src 'self' 'sha256-a' 'sha256-b'; style-src 'self' ")
    assert "frame-src 'none'" in policy and "object-src 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_the_only_inline_styles_are_the_table_column_alignments():
    style_src = next(d for d in csp.policy(HtmlConfig()).split("; ") if d.startswith("style-src"))
    alignments = [csp.source_hash(f"text-align: {side};") for side in ("left", "center", "right")]
    assert style_src == "style-src 'self' 'unsafe-hashes' " + " ".join(alignments)


def test_live_reload_under_mkdocs_serve_allows_inline_scripts_without_hashes():
    policy = csp.policy(HtmlConfig(), ["'sha256-a'"], live_reload=True)
    assert "script-src 'self' 'unsafe-inline';" in policy  # a hash would switch 'unsafe-inline' off


def test_allowed_embeds_go_into_the_policy():
    policy = csp.policy(HtmlConfig(allowed_embeds=("https://www.youtube-nocookie.com/embed/",)))
    assert "frame-src https://www.youtube-nocookie.com/embed/;" in policy


@pytest.mark.parametrize(
    "prefix",
    [
        "http://www.youtube.com/embed/",
        "https://x.nl",
        "https://x.nl/a'; script-src *",
        "javascript:alert(1)//",
    ],
)
def test_allowed_embeds_must_be_https_prefixes_that_cannot_break_the_policy(prefix):
    with pytest.raises(ConfigError, match="allowed_embeds"):
        Config.from_options({"html": {"allowed_embeds": [prefix]}})
