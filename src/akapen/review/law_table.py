"""Which law stands behind a clause, by contract type (DOMAIN.md, "Which law stands behind a clause").

A lawyer extends this file, not the code: a finding cites a statute only when the contract's type and
the clause's topic both match a row here. No citation is better than a wrong one (商法526条 is a rule
for sales between merchants: it has no row outside 売買).

Plain data, imported rather than parsed (loading a TOML parser cost every redline 25 ms), read by
:mod:`akapen.review.law`.
"""

from __future__ import annotations

TYPES: tuple[dict[str, str], ...] = (
    # Tried in order: ``title`` is searched in the contract's title, ``content`` in its 前文 and
    # articles when no title matched; ``deliverables`` sends 業務委託 that delivers a work to 請負.
    {"id": "賃貸借", "title": "賃貸借|賃貸契約|借契約", "content": "賃料|敷金|賃貸人|賃借人|貸主|借主"},
    {"id": "秘密保持", "title": "秘密保持|機密保持|守秘", "content": "^$"},  # by its title only
    {"id": "利用規約", "title": "規約|約款|利用条件", "content": "本規約"},
    {
        "id": "ライセンス",
        "title": "使用許諾|利用許諾|ライセンス",
        "content": "ライセンサー|ライセンシー|使用許諾",
    },
    {"id": "売買", "title": "売買|売渡|販売|供給", "content": "売主|買主|売り渡|売渡"},
    {"id": "請負", "title": "請負|製造委託|開発委託|開発業務|制作", "content": "請負人|注文者|納入物|成果物"},
    {
        "id": "準委任",
        "title": "委任|業務委託|コンサルティング|顧問|サービス契約|保守|運用支援",
        "content": "委託者|受託者|業務委託",
        "deliverables": "納入物|検収",
    },
)

TOPICS: tuple[tuple[str, str], ...] = (
    # (topic, words): the article heading is tried first, then the clause's own text; first match wins.
    ("inspection", "検査|検収"),
    ("nonconformity", "契約不適合|不適合|瑕疵|品質保証|保証"),
    ("remedies", "追完|修補|代替|代金減額|減額"),
    ("late-interest", "遅延損害金|遅延利息"),
    ("payment", "支払|委託料|報酬|代金|料金|返金|返還"),
    ("damages", "損害賠償|賠償|責任の制限|免責|責任を負わない"),
    ("termination", "解除|利用停止|期限の利益"),
    ("cancellation", "解約|退会|中途"),
    ("terms-change", "規約の変更|本規約を変更|変更後の本規約"),
    ("confidentiality", "秘密"),
    ("moral-rights", "著作者人格権"),
    # 著作権法 governs works (software, designs, texts), never a patent: a clause on 特許 has no row.
    ("copyright", "著作権|著作物"),
    ("subcontracting", "再委託"),
    ("privacy", "個人情報"),
    ("jurisdiction", "管轄"),
    ("antisocial", "反社会的勢力|暴力団"),
    ("repair", "修繕"),
    ("restoration", "原状回復|明渡"),
    ("deposit", "敷金|保証金"),
    ("rent", "賃料"),
)

STATUTES: tuple[tuple[tuple[str, ...], str, str, str], ...] = (
    # (contract types, "*" for any; topic; citation; why it matters)
    (
        ("売買",),
        "inspection",
        "商法526条1項",
        "商人間の売買では、買主は受領後遅滞なく検査する義務を負います。",
    ),
    (
        ("売買",),
        "nonconformity",
        "商法526条2項",
        "商人間の売買では、買主は不適合を発見したら直ちに通知しなければ救済を失います（直ちに発見できない不適合は6か月以内）。",
    ),
    (
        ("売買",),
        "nonconformity",
        "民法566条",
        "種類・品質の不適合は、買主が知った時から1年以内に通知すれば足ります（売主の悪意・重過失を除く）。",
    ),
    (
        ("売買",),
        "remedies",
        "民法562条",
        "買主は修補・代替物・不足分の引渡しによる追完を請求でき、方法の選択権も原則買主にあります。",
    ),
    (("売買",), "remedies", "民法563条", "代金減額は原則として相当期間を定めた催告の後に請求できます。"),
    (
        ("請負",),
        "nonconformity",
        "民法637条",
        "請負の契約不適合は、注文者が知った時から1年以内に通知すれば足ります（559条で売買の規定を準用）。",
    ),
    (("請負",), "remedies", "民法559条・562条", "請負にも売買の追完・代金減額の規定が準用されます。"),
    (
        ("請負",),
        "cancellation",
        "民法641条",
        "注文者は仕事の完成前であれば損害を賠償していつでも解除できます。",
    ),
    (
        ("準委任",),
        "cancellation",
        "民法651条",
        "委任・準委任は各当事者がいつでも解除できます（相手方に不利な時期の解除は損害賠償）。",
    ),
    (
        ("準委任",),
        "nonconformity",
        "民法644条",
        "受任者は善良な管理者の注意をもって事務を処理する義務を負います。",
    ),
    (
        ("*",),
        "late-interest",
        "民法419条",
        "金銭債務の遅延損害金は、約定がなければ法定利率（年3%、民法404条）によります。",
    ),
    (
        ("*",),
        "damages",
        "民法416条",
        "賠償の範囲は通常損害と、予見すべきであった特別損害です（債務不履行は民法415条）。",
    ),
    (
        ("*",),
        "termination",
        "民法541条",
        "債務不履行による解除は、原則として相当の期間を定めた催告の後です（無催告解除は民法542条の場合）。",
    ),
    (
        ("利用規約",),
        "terms-change",
        "民法548条の4",
        "定型約款の変更は、相手方の一般の利益に適合するか合理的なものであることを要し、効力発生時期の周知も必要です。",
    ),
    (
        ("利用規約",),
        "damages",
        "民法548条の2第2項",
        "相手方の利益を一方的に害する定型約款の条項は、合意しなかったものとみなされます（消費者には消費者契約法8条も）。",
    ),
    (
        ("秘密保持", "準委任", "請負", "ライセンス", "売買"),
        "confidentiality",
        "不正競争防止法2条6項",
        "営業秘密として保護されるには、秘密管理性・有用性・非公知性が必要です。",
    ),
    (
        ("*",),
        "copyright",
        "著作権法61条2項",
        "著作権の譲渡で27条・28条の権利を特掲しないと、譲渡人に留保されたものと推定されます。",
    ),
    (
        ("*",),
        "moral-rights",
        "著作権法18条〜20条",
        "著作者人格権は譲渡できないため、不行使の合意で手当てします。",
    ),
    (
        ("*",),
        "privacy",
        "個人情報保護法25条",
        "個人データの取扱いを委託する者は、委託先を監督する義務を負います。",
    ),
    (
        ("*",),
        "jurisdiction",
        "民事訴訟法11条",
        "第一審の管轄裁判所は、書面による合意で定めることができます。",
    ),
    (("賃貸借",), "repair", "民法606条", "賃貸人は賃貸物の使用・収益に必要な修繕をする義務を負います。"),
    (("賃貸借",), "restoration", "民法621条", "賃借人の原状回復義務は、通常損耗と経年変化には及びません。"),
    (
        ("賃貸借",),
        "deposit",
        "民法622条の2",
        "敷金は、賃貸借が終了し明け渡した時に、未払債務を控除した残額を返還しなければなりません。",
    ),
    (
        ("賃貸借",),
        "rent",
        "借地借家法32条",
        "建物の賃料は、事情の変更により当事者が増減を請求できます（一方的な改定権は争いになります）。",
    ),
    (
        ("賃貸借",),
        "cancellation",
        "民法617条",
        "期間の定めのない建物賃貸借は、解約の申入れから3か月で終了します（賃貸人からの申入れは借地借家法27条で6か月）。",
    ),
)
