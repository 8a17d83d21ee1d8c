"""Where each actor stands in the network: by hand, deterministic, no force-directed layout.

States stand inside, every other actor in two outer columns beside the state it belongs to
(following ``affiliation`` up to a state); actors that belong to no state fill the columns in
groups. The two states the article is most about face each other across the middle.
"""

from __future__ import annotations

from geokit.data.model import Actor

__all__ = ["INNER_X", "KINDS", "OUTER", "home_state", "layout"]

#: actor kinds in legend order (the network's KIND_STYLE follows it)
KINDS: tuple[str, ...] = ("state", "person", "organisation", "company", "media_outlet", "analyst")

#: unit coordinates: the states' columns, and the outer columns' distance from the middle
INNER_X, OUTER = 0.5, 1.05


def home_state(actor: Actor, by_id: dict[str, Actor], states: set[str]) -> str | None:
    """The state an actor belongs to, following affiliations (a person -> army -> Pakistan)."""
    seen: set[str] = set()
    cur: Actor | None = actor
    while cur is not None and cur.affiliation and cur.id not in seen:
        seen.add(cur.id)
        if cur.affiliation in states:
            return cur.affiliation
        cur = by_id.get(cur.affiliation)
    return None


def layout(actors: list[Actor], by_id: dict[str, Actor], order: dict[str, int],
            ties: dict[frozenset[str], int]) -> dict[str, tuple[float, float, str, str | None]]:
    """Where each actor stands, in unit coordinates: ``{id: (x, y, ring, home state)}``.

    The two states the article is most about face each other across the middle, each beside
    the column of its own people and organisations (following ``affiliation`` up to a state):
    their many ties then run across the page instead of along a column. The other states stand
    above and below them, on the side of the principal state they are tied to; actors that
    belong to no state fill the columns in groups, the shorter column first.
    """
    def first_para(a: Actor) -> int:
        return min(a.paragraphs, default=10**6)

    states = sorted((a for a in actors if a.kind == "state"),
                    key=lambda a: (-len(a.paragraphs), order[a.id]))
    state_ids = {s.id for s in states}
    kept = {a.id for a in actors}
    kind_rank = {k: i for i, k in enumerate(KINDS)}
    others = [a for a in actors if a.kind != "state"]
    homes = {a.id: home_state(a, by_id, state_ids) for a in others}

    def head(a: Actor) -> Actor:  # the organisation an actor of no state belongs to
        cur, seen = a, {a.id}
        while cur.affiliation and cur.affiliation in kept and cur.affiliation not in seen:
            seen.add(cur.affiliation)
            cur = by_id[cur.affiliation]
        return cur

    blocks: list[tuple[str | None, list[str]]] = []
    for st in states:
        own = sorted((a for a in others if homes[a.id] == st.id),
                     key=lambda a: (kind_rank[a.kind], first_para(a), order[a.id]))
        if own:
            blocks.append((st.id, [a.id for a in own]))
    groups: dict[str, list[Actor]] = {}
    for a in others:
        if homes[a.id] is None:
            groups.setdefault(head(a).id, []).append(a)
    for hid in sorted(groups, key=lambda h: (kind_rank[by_id[h].kind],
                                              min(first_para(m) for m in groups[h]),
                                              order[h])):
        group = sorted(groups[hid], key=lambda a: (a.id != hid, kind_rank[a.kind],
                                                    first_para(a), order[a.id]))
        blocks.append((None, [a.id for a in group]))

    # two columns, each block whole in one of them: the principal states' blocks first, one
    # each side, then every other block into the shorter column (a gap between blocks)
    cols: dict[int, list[str | None]] = {1: [], -1: []}
    side_of: dict[str, int] = {}
    placed: dict[str, int] = {}

    def pull(members: list[str], side: int) -> int:  # ties from a block to one column
        return sum(ties.get(frozenset((m, q)), 0) for m in members
                   for q, sd in placed.items() if sd == side)

    for k, (sid, members) in enumerate(blocks):
        if k < 2 and sid is not None:
            side = 1 if k == 0 else -1
        else:  # beside the actors it is tied to, unless that column is much the longer
            gap = len(cols[1]) - len(cols[-1])
            side = 1 if gap <= 0 else -1
            if abs(gap) <= 4 and pull(members, -side) > pull(members, side):
                side = -side
        placed.update(dict.fromkeys(members, side))
        if cols[side]:
            cols[side].append(None)
        cols[side] += members
        if sid is not None:
            side_of[sid] = side
    pos: dict[str, tuple[float, float, str, str | None]] = {}
    for side, seq in cols.items():
        m = len(seq)
        for j, aid in enumerate(seq):
            y = 1.0 - 2.0 * (j + 0.5) / max(m, 1)
            if aid is not None:  # the columns bow outwards a little, so ties between
                # neighbours stay visible
                pos[aid] = (side * (OUTER + 0.22 * (1 - y * y)), y, "outer", homes[aid])

    # the principal states face each other across the middle; the others stand above and
    # below, each in the free place nearest its own column's actors, or else on the side of the
    # principal state it is most tied to
    principal = [st.id for st in states[:2]]
    for k, sid in enumerate(principal):
        side = side_of.get(sid, 1 if k == 0 else -1)
        if len(principal) == 2 and side_of.get(principal[1 - k]) == side:
            side = -side_of[principal[1 - k]]
        side_of[sid] = side
        pos[sid] = (side * INNER_X * 1.1 if len(states) > 1 else 0.0, 0.0, "inner", None)
    # one state per row, so that boxed names never meet whatever the page's width
    rows = [0.4, -0.4, 0.58, -0.58, 0.76, -0.76, 0.92, -0.92]
    n_rows = len(rows)
    for k in range(max(0, len(states) - 2 - n_rows)):  # more states than rows: squeeze in more
        rows.append((0.49 + 0.18 * (k // 2)) * (1 if k % 2 == 0 else -1))
    for st in states[2:]:
        mine = [pos[a][1] for sid, members in blocks if sid == st.id for a in members]
        tied = any(st.id in k and n for k, n in ties.items())
        pref = side_of.get(st.id)
        if pref is None and principal:
            tie = {p: ties.get(frozenset((st.id, p)), 0) for p in principal}
            best = max(principal, key=lambda p: (tie[p], -principal.index(p)))
            pref = side_of[best] if tie[best] else None
        # near its own actors, else near the states it is tied to, else near the middle if
        # tied to anyone at all, else out of the way
        near = [pos[o][1] for o in pos if pos[o][2] == "inner" and o not in principal
                and ties.get(frozenset((st.id, o)), 0)]
        if mine or near:
            goal = sum(mine or near) / len(mine or near)
            y = min(rows, key=lambda r: (abs(r - goal), rows.index(r)))
        elif tied:
            y = rows[0]
        else:  # tied to nobody: at the bottom, out of the way of every tie
            y = min(rows)
        rows.remove(y)
        pos[st.id] = ((pref or 0) * INNER_X * 0.6, y, "inner", None)
    return pos
