"""Writes an AIF nodeset with arguebuf (a Python library for argument graphs, from PyPI), for
`argwalk import --from aif` to read: a claim, two premises that support it together (one RA),
an attack on the claim, an undercut of the inference, and an answer to the attack.
Used by tests/import.rs; the path to write is the only argument."""
import sys

import arguebuf as ag

g = ag.Graph()
claim = ag.AtomNode(text="The museum should be free on Sundays", id="claim")
p1 = ag.AtomNode(text="free entry brings in families who never visit", id="p1")
p2 = ag.AtomNode(text="the city pays for the museum already", id="p2")
attack = ag.AtomNode(text="tickets pay for the guards", id="attack")
answer = ag.AtomNode(text="the city budget covers the guards", id="answer")
undercut = ag.AtomNode(text="paying for it does not entitle anyone to free visits", id="undercut")
for n in [claim, p1, p2, attack, answer, undercut]:
    g.add_node(n)
ra = ag.SchemeNode(scheme=ag.Support.DEFAULT, id="ra")
ca = ag.SchemeNode(scheme=ag.Attack.DEFAULT, id="ca")
ca2 = ag.SchemeNode(scheme=ag.Attack.DEFAULT, id="ca2")
ca3 = ag.SchemeNode(scheme=ag.Attack.DEFAULT, id="ca3")
for n in [ra, ca, ca2, ca3]:
    g.add_node(n)
for s, t in [(p1, ra), (p2, ra), (ra, claim), (attack, ca), (ca, claim), (answer, ca2),
             (ca2, attack), (undercut, ca3), (ca3, ra)]:
    g.add_edge(ag.Edge(s, t))
g.major_claim = claim
ag.dump.file(g, sys.argv[1], ag.dump.Config(format=ag.dump.Format.AIF))
