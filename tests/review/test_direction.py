"""Whom a change favours, from the frame it changes (#12): the examples the issue names, each run from
both sides. Expected stances follow DOMAIN.md's direction rules, not the code."""

from __future__ import annotations

import pytest

import akapen
from akapen.model import Finding
from akapen.redline import compare
from akapen.review import vocabulary as v
from akapen.review.parties import Parties
from akapen.segment import segment
from tests.support.seeds import text_source

SALE = "売買契約書\n\n株式会社北辰商事（以下「売主」という。）と株式会社南海工業（以下「買主」という。）は、次のとおり契約を締結する。\n\n"
TERMS = "かもめクラウド利用規約\n\nこの規約は、株式会社かもめ（以下，「当社」といいます。）が提供するサービスの利用条件を、当社と利用者（以下，「ユーザー」といいます。）との間で定めるものです。\n\n"


def findings(model: str, draft: str, side: str | None) -> tuple[Finding, ...]:
    return compare(
        segment(text_source(model, "model.txt")), segment(text_source(draft, "draft.txt")), side=side
    ).findings


def graded(model: str, draft: str, hurt: str, helped: str) -> tuple[Finding, Finding]:
    """The one finding, run as the party it hurts and as the party it helps."""
    [against] = findings(model, draft, hurt)
    [for_us] = findings(model, draft, helped)
    assert (against.adverse_to, against.favours) == (hurt, helped)
    assert against.severity in ("high", "medium") and for_us.severity == "info"
    return against, for_us


def test_an_exclusive_remedy_takes_a_right_away_from_the_buyer() -> None:
    model = (
        SALE
        + "第5条（契約不適合責任）\n買主は、売主に対し、目的物の修補又は代替物の引渡しを請求することができる。\n"
    )
    draft = (
        model + "２　買主は、前項に定めるもののほか、損害賠償の請求および契約の解除をすることができない。\n"
    )
    against, _ = graded(model, draft, "買主", "売主")
    assert against.rule == "right-negated"


def test_a_standard_the_buyer_sets_favours_the_buyer() -> None:
    model = SALE + "第4条（検査）\n買主は、買主売主間で協議して合意した基準に従い、本製品の検査を行う。\n"
    draft = SALE + "第4条（検査）\n買主は、買主が定めた基準に従い、本製品の検査を行う。\n"
    graded(model, draft, "売主", "買主")


def test_a_seller_barred_from_curing_differently_favours_the_buyer() -> None:
    model = SALE + "第6条（追完）\n買主は、売主に対し、目的物の修補を請求することができる。\n"
    draft = model + "２　売主は、買主が請求した方法と異なる方法による追完をすることができない。\n"
    graded(model, draft, "売主", "買主")


def test_a_longer_advance_notice_burdens_the_party_that_gives_it() -> None:
    model = (
        TERMS
        + "第9条（退会）\nユーザーは、退会を希望する日の1か月前までに当社に通知することにより、退会することができます。\n"
    )
    draft = model.replace("1か月前", "3か月前")
    against, _ = graded(model, draft, "ユーザー", "当社")
    assert against.rule == "period-changed"


LICENCE = "使用許諾契約書\n\n株式会社ほくせい（以下「甲」という。）と株式会社みなみかぜ（以下「乙」という。）は、次のとおり契約を締結する。\n\n"
OUTSOURCING = "業務委託契約書\n\n株式会社はやせ（以下「委託者」という。）と株式会社ひばり（以下「受託者」という。）は、次のとおり契約を締結する。\n\n"


def test_a_prohibition_made_absolute_hurts_the_party_it_binds() -> None:
    """「委託者の承諾なく…してはならない」 bars only what 委託者 has not allowed; without those words
    受託者 may never do it."""
    model = (
        OUTSOURCING
        + "第6条（再委託）\n受託者は、委託者の事前の書面による承諾なく、本業務を第三者に再委託してはならない。\n"
    )
    draft = OUTSOURCING + "第6条（再委託）\n受託者は、本業務を第三者に再委託してはならない。\n"
    graded(model, draft, "受託者", "委託者")
    graded(draft, model, "委託者", "受託者")


def test_a_right_that_needs_no_consent_favours_its_holder() -> None:
    model = (
        OUTSOURCING
        + "第9条（成果の利用）\n受託者は、委託者の同意を得て、本業務の成果を自己の実績として公表することができる。\n"
    )
    draft = (
        OUTSOURCING
        + "第9条（成果の利用）\n受託者は、委託者の同意なく、本業務の成果を自己の実績として公表することができる。\n"
    )
    graded(model, draft, "委託者", "受託者")


SIGNED = "\n本契約締結の証として、本書2通を作成し、各1通を保有する。\n\n委託者　大阪府大阪市北区梅田一丁目1番1号\n株式会社はやせ\n\n受託者　東京都港区芝公園二丁目2番2号\n株式会社ひばり\n"


@pytest.mark.parametrize(
    ("model_court", "draft_court", "hurt", "helped"),
    [
        ("大阪地方裁判所", "東京地方裁判所", "委託者", "受託者"),
        ("東京地方裁判所", "大阪地方裁判所", "受託者", "委託者"),
        ("委託者の本店所在地を管轄する地方裁判所", "東京地方裁判所", "委託者", "受託者"),
    ],
)
def test_a_court_moved_to_the_other_partys_seat_hurts_the_party_that_must_travel(
    model_court: str, draft_court: str, hurt: str, helped: str
) -> None:
    """Where each party sits is read from the signature block: 委託者 in Osaka, 受託者 in Tokyo."""
    clause = (
        "第20条（合意管轄）\n本契約に関する一切の紛争については、{}を第一審の専属的合意管轄裁判所とする。\n"
    )
    model = OUTSOURCING + clause.format(model_court) + SIGNED
    draft = OUTSOURCING + clause.format(draft_court) + SIGNED
    against, _ = graded(model, draft, hurt, helped)
    assert against.rule == "jurisdiction-changed"


NDA = "秘密保持契約書\n\n株式会社あさひ精工（以下「開示者」という。）と株式会社みどり設計（以下「受領者」という。）は、次のとおり契約を締結する。\n\n"
NDA_BODY = (
    "第3条（秘密保持）\n受領者は、秘密情報を第三者に開示し、又は漏えいしてはならない。\n"
    "第4条（目的外使用の禁止）\n受領者は、秘密情報を本件検討以外の目的に使用してはならない。\n"
)


def test_a_wider_definition_hurts_the_party_its_clauses_bind() -> None:
    """A one-way NDA: 秘密情報 binds 受領者, so a definition that reaches further hurts 受領者."""
    model = (
        NDA
        + "第2条（定義）\n本契約において「秘密情報」とは、開示者が受領者に開示する技術上の情報のうち、秘密である旨が表示されたものをいう。\n"
        + NDA_BODY
    )
    draft = (
        NDA
        + "第2条（定義）\n本契約において「秘密情報」とは、開示者が受領者に開示する技術上、営業上その他一切の情報をいい、開示の方法を問わず、秘密である旨の表示の有無を問わない。\n"
        + NDA_BODY
    )
    against, _ = graded(model, draft, "受領者", "開示者")
    assert against.rule == "scope-widened"
    graded(draft, model, "開示者", "受領者")


@pytest.mark.parametrize(
    ("model", "draft", "hurt", "helped"),
    [
        pytest.param(
            NDA + "第3条（開示）\n受領者は、役員に対し、本契約と同等の義務を遵守させるものとする。\n",
            NDA + "第3条（開示）\n受領者は、役員に対し、本契約と同等の義務を遵守させるとともに、"
            "当該役員から誓約書を徴求しなければならない。\n",
            "受領者",
            "開示者",
            id="a-second-act-joined-by-tomo-ni-is-a-duty-added",
        ),
        pytest.param(
            NDA + "第8条（非保証）\n開示当事者は、秘密情報の正確性について一切の責任を負わない。\n",
            NDA + "第8条（非保証）\n開示当事者は、秘密情報の正確性について一切の責任を負わない。ただし、"
            "開示者が誤りを知り、又は過失によりこれを知らなかった場合は、この限りでない。\n",
            "開示者",
            "受領者",
            id="a-proviso-naming-the-exempted-partys-fault-narrows-its-exemption",
        ),
        pytest.param(
            NDA + "第9条（返還）\n受領者は、開示者の請求があったときは、秘密情報を破棄する。\n",
            NDA + "第9条（返還）\n受領者は、開示者の請求があったときは、秘密情報を破棄する。\n"
            "２　前項の規定にかかわらず、受領者は、自ら作成した分析資料については、破棄に代えて、"
            "秘密として保持することで足りるものとする。\n",
            "開示者",
            "受領者",
            id="less-that-satisfies-a-duty-favours-the-party-it-binds",
        ),
        pytest.param(
            TERMS + "第4条（変更）\n当社は、本規約を変更する場合、ユーザーに電子メールで通知します。\n",
            TERMS + "第4条（変更）\n当社は、本規約を変更する場合、電子メールその他当社が適当と判断する方法に"
            "より周知します。\n",
            "ユーザー",
            "当社",
            id="a-duty-done-as-its-holder-sees-fit-is-lighter",
        ),
        pytest.param(
            TERMS + "第17条（損害賠償）\n当社が負う損害賠償の額は、利用料の総額を上限とします。\n"
            "2　前項の規定は、当社の故意又は重大な過失による損害については、適用しません。\n",
            TERMS + "第17条（損害賠償）\n当社が負う損害賠償の額は、利用料の総額を上限とします。\n"
            "2　前項の規定は、当社の故意若しくは重大な過失による損害又は当社による第10条に定める義務の"
            "違反による損害については、適用しません。\n",
            "当社",
            "ユーザー",
            id="an-exception-naming-more-cases-reaches-further",
        ),
        pytest.param(
            SALE + "第7条（契約不適合）\n納入から1年以内に、買主が不適合を発見し、売主に通知したときに限り、"
            "売主は、修補をするものとする。\n",
            SALE
            + "第7条（契約不適合）\n納入から6か月以内に、買主が不適合を発見し、売主に通知したときに限り、"
            "売主は、修補をするものとする。\n",
            "買主",
            "売主",
            id="a-period-times-the-agent-its-condition-names-after-it",
        ),
        pytest.param(
            LICENCE + "第17条（終了後の措置）\n本契約が終了したとき（甲が解除した場合を除く。）は、乙は、"
            "終了の日から3か月間に限り、在庫を販売することができる。\n",
            LICENCE + "第17条（終了後の措置）\n本契約が終了したとき（甲が解除した場合を除く。）は、乙は、"
            "終了の日から12か月間に限り、在庫を販売することができる。\n",
            "甲",
            "乙",
            id="a-condition-before-the-topic-times-nothing-after-it",
        ),
        pytest.param(
            LICENCE + "第5条（承認）\n乙は、試作品を甲に提出し、甲の書面による承認を得なければならない。\n",
            LICENCE + "第5条（承認）\n乙は、試作品を甲に提出し、甲の書面による承認を得なければならない。"
            "甲が10日以内に異議を述べなかったときは、甲の承認があったものとして取り扱う。\n",
            "甲",
            "乙",
            id="approval-treated-as-given-is-a-deemed-approval",
        ),
        pytest.param(
            LICENCE
            + "第4条（再許諾）\n乙は、甲の事前の書面による承諾を得た場合に限り、再許諾することができる。\n",
            LICENCE
            + "第4条（再許諾）\n乙は、甲の事前の書面による承諾を得た場合に限り、再許諾することができる。"
            "ただし、乙の子会社に再許諾をする場合は、事前に甲に書面で通知すれば足りる。\n",
            "甲",
            "乙",
            id="a-proviso-that-a-notice-suffices-eases-the-right",
        ),
        pytest.param(
            LICENCE + "第15条（契約期間）\n期間満了の6か月前までに甲又は乙から更新拒絶の申出がないときは、"
            "本契約は、さらに1年間更新される。\n",
            LICENCE + "第15条（契約期間）\n期間満了の6か月前までに甲又は乙から更新拒絶の申出がないときは、"
            "本契約は、さらに1年間更新される。ただし、甲による更新拒絶の申出は、正当な理由がある場合に限り、"
            "することができる。\n",
            "甲",
            "乙",
            id="a-proviso-allowing-only-in-some-cases-restricts-the-right",
        ),
        pytest.param(
            TERMS
            + "第5条（料金）\nユーザーが支払を遅延したときは、年3パーセントの遅延損害金を当社に支払うものとします。\n",
            TERMS
            + "第5条（料金）\nユーザーが支払を遅延したときは、年14.6パーセントの遅延損害金を当社に支払うものとします。\n",
            "ユーザー",
            "当社",
            id="the-payee-takes-ni-the-payer-is-the-other",
        ),
        pytest.param(
            LICENCE + "第7条（解析の禁止）\n甲及び乙は、相手方の提供物を分解してはならない。\n",
            LICENCE
            + "第7条（解析の禁止）\n甲及び乙は、相手方の提供物を分解してはならない。ただし、甲が評価のために"
            "行う分解については、この限りでない。\n",
            "乙",
            "甲",
            id="a-proviso-lifts-a-mutual-ban-for-the-party-it-names",
        ),
        pytest.param(
            LICENCE + "第10条（実績）\n乙は、成果物を自己の制作実績として掲載することができる。\n",
            LICENCE + "第10条（実績）\n乙は、成果物を自己の制作実績として掲載することができる。ただし、掲載に"
            "あたっては、事前に甲の承認を得るものとする。\n",
            "乙",
            "甲",
            id="a-proviso-without-a-subject-shares-the-sentences",
        ),
        pytest.param(
            OUTSOURCING
            + "第7条（出荷）\n受託者は、午後3時までに受信した出荷指示に係る貨物を当日中に出荷する。\n",
            OUTSOURCING
            + "第7条（出荷）\n受託者は、午後1時までに受信した出荷指示に係る貨物を当日中に出荷する。\n",
            "委託者",
            "受託者",
            id="an-earlier-cut-off-narrows-the-duty-it-bounds",
        ),
        pytest.param(
            TERMS
            + "第16条（損害賠償）\n当社は、当社の責めに帰すべき事由によりユーザーに生じた損害を賠償します。\n"
            "2. 前項の場合において、当社の賠償額は、ユーザーが当社に支払った利用料金の総額を上限とします。\n"
            "3. 前項の規定は、当社に故意又は重大な過失がある場合には、適用しません。\n",
            TERMS
            + "第16条（損害賠償）\n当社は、当社の責めに帰すべき事由によりユーザーに生じた損害を賠償します。\n"
            "2. 前項の場合において、当社の賠償額は、ユーザーが当社に支払った利用料金の総額を上限とします。\n",
            "ユーザー",
            "当社",
            id="whose-damages-amount-is-capped-is-the-liable-party",
        ),
        pytest.param(
            OUTSOURCING + "第5条（検査）\n委託者は、納入物を検査し、その結果を受託者に通知する。\n",
            OUTSOURCING + "第5条（検査）\n委託者は、納入物を検査し、その結果を受託者に通知する。\n"
            "2　委託者が30日以内に検査結果を通知しないときは、検収が完了したものとして取り扱う。\n",
            "委託者",
            "受託者",
            id="treated-as-done-is-a-deemed-act",
        ),
        pytest.param(
            TERMS
            + "第4条（未成年者）\nユーザーが未成年者である場合は、法定代理人の同意を得て利用するものとします。\n",
            TERMS
            + "第4条（未成年者）\nユーザーが未成年者である場合は、法定代理人の同意を得て利用するものとします。\n"
            "2. 未成年者であるユーザーが本サービスを利用された場合には、当社は、当該利用について法定代理人の"
            "同意があったものとみなします。\n",
            "ユーザー",
            "当社",
            id="the-topic-deems-another-partys-consent",
        ),
        pytest.param(
            OUTSOURCING
            + "第11条（契約不適合）\n２　前項の修補は、受託者の選択により、修正プログラムの再提供又は"
            "代替手段の提供により行う。\n",
            OUTSOURCING
            + "第11条（契約不適合）\n２　前項の修補は、修正プログラムの再提供又は代替手段の提供のうち、"
            "委託者が指定する方法により行う。\n",
            "受託者",
            "委託者",
            id="the-choice-passes-to-the-other-party-however-reworded",
        ),
    ],
)
def test_clause_facts(model: str, draft: str, hurt: str, helped: str) -> None:
    """How a clause is built decides whom its change hurts: 「…とともに、…」 joins two acts of one
    subject; a proviso lifts an exemption whose subject is a role both play (開示当事者) for the party
    it names; 「…で足りる」 lets the bound party do less; a duty done 「…当社が適当と判断する方法により」
    is its holder's call."""
    graded(model, draft, hurt, helped)


def test_a_paragraph_that_lifts_the_cap_before_it_is_its_exception() -> None:
    """「前項の規定は、当社に故意又は重大な過失がある場合には適用しません」 is a carve-out of its own."""
    model = (
        TERMS
        + "第17条（損害賠償）\n当社は、当社の責めに帰すべき事由によりユーザーに損害を与えた場合、その損害を賠償します。\n"
        + "2　前項の場合において当社が負う損害賠償の額は、ユーザーが支払った利用料の総額を上限とします。\n"
        + "3　前項の規定は、当社に故意又は重大な過失がある場合には適用しません。\n"
    )
    draft = model.replace("3　前項の規定は、当社に故意又は重大な過失がある場合には適用しません。\n", "")
    graded(model, draft, "ユーザー", "当社")


def test_an_article_dropped_from_the_survival_clause() -> None:
    """After the end 甲 may no longer audit: 第2条 is no longer kept alive."""
    head = "特許実施許諾契約書\n\n株式会社あおば化成（以下「甲」という。）と株式会社しらかわ電機（以下「乙」という。）は、次のとおり契約を締結する。\n\n"
    audit = "第{}条（監査）\n甲は、乙の帳簿を監査することができる。\n"
    report = "第{}条（報告）\n乙は、毎月の販売数量を甲に報告しなければならない。\n"
    survive = "第{}条（存続）\n本契約が終了した場合であっても、{}の規定は、なお効力を有する。\n"
    model = head + report.format(1) + audit.format(2) + survive.format(3, "第1条及び第2条")
    draft = head + report.format(1) + audit.format(2) + survive.format(3, "第1条")
    against, _ = graded(model, draft, "甲", "乙")
    assert against.rule == "survival-changed"


def test_a_period_before_a_later_condition_times_the_actors_own_act() -> None:
    """「乙は、締結日から14日以内に…提供し、その後…更新したときは、…」: the 14 days are 乙's."""
    head = "商品化許諾契約書\n\n株式会社そらの（以下「甲」という。）と株式会社まるふく（以下「乙」という。）は、次のとおり契約を締結する。\n\n"
    model = head + "第4条（素材）\n乙は、甲の求めに応じて、素材を甲に提供する。\n"
    draft = (
        head
        + "第4条（素材）\n乙は、本契約の締結日から14日以内に、素材を甲に提供し、その後素材を更新したときは、遅滞なく更新後の素材を甲に提供する。\n"
    )
    graded(model, draft, "乙", "甲")


def test_a_deemed_consent_and_an_added_article_are_judged_from_both_sides() -> None:
    model = (
        TERMS + "第3条（規約の変更）\n当社は、本規約を変更するときは、ユーザーの同意を得るものとします。\n"
    )
    draft = (
        TERMS
        + "第3条（規約の変更）\n当社は、本規約を変更するときは、ユーザーに通知するものとします。"
        + "ユーザーが変更後に本サービスを利用したときは、ユーザーは、変更に同意したものとみなします。\n\n"
        + "第4条（ユーザーの協力）\nユーザーは、当社の求めに応じて、当社が指定する資料を提出しなければなりません。\n"
    )
    for side, other in (("ユーザー", "当社"), ("当社", "ユーザー")):
        got = findings(model, draft, side)
        assert {f.rule for f in got} >= {"deemed-acceptance-added", "article-added"}
        assert all(f.adverse_to == "ユーザー" for f in got)
        assert all((f.severity in ("high", "medium")) == (side == "ユーザー") for f in got), (side, other)


@pytest.mark.parametrize(
    "kind",
    [
        TERMS
        + "第5条（通知）\nユーザーは、登録事項に変更があったときは、直ちに当社に通知するものとします。\n",
        "秘密保持契約書\n\n株式会社あおい（以下「甲」という。）と株式会社みどり（以下「乙」という。）は、次のとおり契約を締結する。\n\n第5条（通知）\n乙は、秘密情報の漏えいを知ったときは、直ちに甲に通知する。\n",
        "建物賃貸借契約書\n\n株式会社大手町ビル（以下「貸主」という。）と株式会社みなと（以下「借主」という。）は、次のとおり契約を締結する。\n\n第5条（通知）\n借主は、本物件の損傷を発見したときは、直ちに貸主に通知する。\n",
    ],
    ids=["terms", "nda", "lease"],
)
def test_no_sale_rule_outside_a_sale(kind: str) -> None:
    draft = kind.replace("直ちに", "速やかに")
    for finding in findings(kind, draft, None):
        assert not any(s.startswith("商法") for s in finding.statutes)
        assert (
            "商法526" not in finding.message
            and "買主" not in finding.message
            and "売主" not in finding.message
        )


def test_a_sale_still_cites_the_sale_rules() -> None:
    model = (
        SALE
        + "第4条（検査）\n買主は、本製品の受領後直ちに検査を行い、不適合を発見したときは直ちに売主に通知する。\n"
    )
    [finding] = findings(model, model.replace("直ちに検査", "30日以内に検査"), "買主")
    assert "商法526条1項" in finding.statutes


def test_the_parties_of_a_terms_of_use_written_with_full_width_commas() -> None:
    model = (
        TERMS
        + "第5条（通知）\nユーザーは、登録事項に変更があったときは、直ちに当社に通知するものとします。\n"
    )
    for side in ("当社", "ユーザー"):
        assert compare(segment(text_source(model)), segment(text_source(model)), side=side).side == side
    with pytest.raises(
        akapen.InputError, match="--side 甲: not a party of this contract; the parties are 当社、ユーザー"
    ):
        compare(segment(text_source(model)), segment(text_source(model)), side="甲")


def test_roles_come_from_the_preamble_where_ko_sells() -> None:
    from akapen.review import Parties

    contract = segment(
        text_source(
            "取引基本契約書\n\n株式会社一（以下「甲」という。）と株式会社二（以下「乙」という。）は、甲が乙に製品を売り渡すことに関し、次のとおり契約を締結する。\n\n第1条（目的）\n甲は、乙に製品を売り渡す。\n"
        )
    )
    parties = Parties.of(contract)
    assert parties.pair == ("甲", "乙") and parties.roles == {"甲": "売主", "乙": "買主"}


@pytest.mark.parametrize(
    ("preamble", "names"),
    [
        (
            "株式会社アルファ（以下「アルファ」と称する。）と株式会社ベータ（以下「ベータ」と称する。）は、",
            ("アルファ", "ベータ"),
        ),
        ("株式会社一（以下「委託者」）と株式会社二（以下「受託者」）は、", ("委託者", "受託者")),
        ("株式会社一（以下、「甲」という。）と株式会社二（以下、「乙」という。）は、", ("甲", "乙")),
        (
            "株式会社アルファ（以下単に「アルファ」という。）と株式会社ベータ（以下、単に「ベータ」という。）は、",
            ("アルファ", "ベータ"),
        ),
    ],
)
def test_every_common_way_of_defining_the_parties(preamble: str, names: tuple[str, str]) -> None:
    from akapen.review import Parties

    contract = segment(
        text_source(
            f"業務委託契約書\n\n{preamble}次のとおり契約を締結する。\n\n第1条（目的）\n本契約は、業務の委託について定める。\n"
        )
    )
    assert Parties.of(contract).pair == names


def test_a_survival_range_that_follows_the_renumbering_is_no_stale_reference() -> None:
    """第9条 deleted: 「第3条から第8条まで、第10条、第11条第2項」 becomes 「第3条から第9条まで、第10条第2項」,
    which keeps what the model kept — the draft's 第10条 is the model's 第11条, nothing is stale."""
    titles = [
        "目的",
        "定義",
        "秘密保持",
        "目的外使用",
        "複製",
        "返還",
        "報告",
        "損害賠償",
        "監査",
        "差止め",
        "通知",
    ]
    body = [
        f"第{n}条（{t}）\n甲及び乙は、{t}に関する義務を負う。\n2　甲及び乙は、{t}について協議する。\n"
        for n, t in enumerate(titles, start=1)
    ]
    survive = "第{}条（存続）\n本契約が終了した場合であっても、{}の規定は、なお効力を有する。\n"
    model = NDA + "".join(body) + survive.format(12, "第3条から第8条まで、第10条、第11条第2項")
    kept = [*body[:8], body[9].replace("第10条", "第9条"), body[10].replace("第11条", "第10条")]
    draft = NDA + "".join(kept) + survive.format(11, "第3条から第9条まで、第10条第2項")
    assert not [f for f in findings(model, draft, "受領者") if f.rule == "stale-reference"]


def test_a_cap_removed_takes_its_carve_out_with_it() -> None:
    """The cap and its 「前項の規定は、…故意又は重大な過失…には適用しない」 both removed: the carve-out is moot;
    only the cap's removal is weighed (against 受託者, not also for it)."""
    cap = (
        "第12条（損害賠償）\n受託者は、本契約に違反して委託者に損害を与えたときは、その損害を賠償する。\n"
        "２　前項に基づき受託者が負う損害賠償の総額は、委託料の総額を上限とする。\n"
        "３　前項の規定は、受託者の故意又は重大な過失による損害には適用しない。\n"
    )
    model = OUTSOURCING + cap
    draft = OUTSOURCING + cap.split("２　")[0]
    for_us = [f for f in findings(model, draft, "委託者") if f.severity in ("high", "medium")]
    assert [f.adverse_to for f in findings(model, draft, "受託者") if f.severity in ("high", "medium")] == [
        "受託者"
    ]
    assert not for_us


def test_references_left_unrenumbered_next_to_each_other_are_stale() -> None:
    """第3条 deleted, 「第4条及び第5条の規定は…なお効力を有する」 left as it was: both now point one article
    off (the model's 第4条 and 第5条 are the draft's 第3条 and 第4条)."""
    titles = ["目的", "定義", "報告", "秘密保持", "返還", "損害賠償"]
    body = [f"第{n}条（{t}）\n甲及び乙は、{t}に関する義務を負う。\n" for n, t in enumerate(titles, start=1)]
    survive = "第{}条（存続）\n本契約が終了した場合であっても、第4条及び第5条の規定は、なお効力を有する。\n"
    model = NDA + "".join(body) + survive.format(7)
    kept = body[:2] + [b.replace(f"第{n}条", f"第{n - 1}条", 1) for n, b in enumerate(body[3:], start=4)]
    draft = NDA + "".join(kept) + survive.format(6)
    stale = [f for f in findings(model, draft, "受領者") if f.rule == "stale-reference"]
    assert len(stale) == 2


def test_an_item_removed_from_a_branch_article_narrows_the_right() -> None:
    """A 号 dropped from 「第2条の2」's list of termination grounds narrows 甲's right (the ref has の2)."""
    head = OUTSOURCING.replace("委託者", "甲").replace("受託者", "乙")
    grounds = ["(1) 本契約に違反したとき", "(2) 支払を停止したとき", "(3) 差押えを受けたとき"]
    article = (
        "第2条の2（解除）\n甲は、乙が次の各号のいずれかに該当したときは、本契約を解除することができる。\n"
    )
    model = head + article + "\n".join(grounds) + "\n"
    draft = head + article + "\n".join([grounds[0], grounds[2].replace("(3)", "(2)")]) + "\n"
    graded(model, draft, "甲", "乙")


def test_a_comma_written_otherwise_is_no_finding() -> None:
    """、 → ， throughout a carve-out 項 and a coordinated duty: 表記ゆれ, nothing to negotiate."""
    model = (
        TERMS
        + "第16条（損害賠償）\n当社の賠償額は、利用料金の総額を上限とします。\n"
        + "2. 前項の規定は、当社に故意又は重大な過失がある場合には、適用しません。\n"
        + "第17条（協力）\nユーザーは、当社の指示に従うとともに、必要な資料を提供します。\n"
    )
    draft = model.replace("、", "，")
    for side in ("当社", "ユーザー"):
        assert not [f for f in findings(model, draft, side) if f.severity in ("high", "medium")]


@pytest.mark.parametrize(
    ("text", "court"),
    [
        ("沼津簡易裁判所を専属的合意管轄裁判所とする", None),
        ("津地方裁判所を専属的合意管轄裁判所とする", "津地方裁判所"),
    ],
)
def test_a_court_is_read_by_its_whole_seat(text: str, court: str | None) -> None:
    found = v.COURT.search(text)
    assert (found.group() if found else None) == court


def test_the_same_court_named_another_way_is_no_change() -> None:
    """東京地方裁判所 → 「受託者の本店所在地を管轄する地方裁判所」 with 受託者 in 東京都."""
    clause = (
        "第20条（合意管轄）\n本契約に関する一切の紛争については、{}を第一審の専属的合意管轄裁判所とする。\n"
    )
    model = OUTSOURCING + clause.format("東京地方裁判所") + SIGNED
    draft = OUTSOURCING + clause.format("受託者の本店所在地を管轄する地方裁判所") + SIGNED
    assert not [f for f in findings(model, draft, "委託者") if f.rule == "jurisdiction-changed"]


def test_a_seat_in_a_one_line_preamble_belongs_to_the_company_after_it() -> None:
    preamble = (
        "株式会社アルファ（以下「甲」という。）と大阪府大阪市北区梅田一丁目1番1号に本店を置く株式会社ベータ"
        "（以下「乙」という。）は、次のとおり契約を締結する。"
    )
    contract = segment(
        text_source(f"契約書\n\n{preamble}\n\n第1条（目的）\n甲は、乙に業務を委託する。\n", "x.txt")
    )
    assert dict(Parties.of(contract).seats) == {"乙": "大阪府"}
