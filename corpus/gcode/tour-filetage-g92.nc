%
O2005 (FILETAGE G92 M16 X 2)
(TITRE : Filetage extérieur M16 x 2 passe par passe avec le cycle simple G92)
(CAPACITES : C4, C5)
(PIECE : fût D16 déjà tourné sur 25 mm, gorge de dégagement après Z-25)
(MATIERE : acier C45, groupe ISO P)
(MACHINE : tour CN 2 axes, commande Fanuc système A, X au diamètre)
(OUTILS : T0505 outil à fileter extérieur 60 degrés pas 2 - correcteur 05)
(ORIGINE : Z0 sur la face de la pièce, X0 sur l'axe de broche)
(DONNEES DU FILET ISO : h3 = 0.61343 x 2 = 1.227 mm au rayon, d3 = 16 - 2 x 1.227 = 13.546 mm)
(ENSEIGNE : sur un tour Fanuc système A, G92 est le cycle de filetage simple et non un décalage d'origine,)
(  chaque ligne X fait une passe complète : plongée, filetage jusqu'à Z-25., retrait, retour au départ,)
(  les prises diminuent : 0.35, 0.25, 0.2, 0.15, 0.125, 0.075, 0.05 puis le reste au rayon,)
(  une dernière passe au même diamètre, sans prise, enlève ce que la flexion de l'outil a laissé,)
(  le mode G92 reste actif sur les lignes X suivantes et s'annule avec le G00 qui suit)
(CALCUL : G97 S900 soit Vc = PI x 16 x 900 / 1000 = 45 m/min , F2. = pas de 2 mm par tour)
(CONTROLE : bague filetée M16 x 2 entre / n'entre pas)
N10 G21 G18 G40 G80 G99 (LIGNE DE SECURITE TOUR)
N20 G28 U0. W0.
(--- T05 : FILETAGE M16 X 2 AU CYCLE G92 ---)
N30 T0505
N40 G97 S900 M03
N50 G00 X18. Z4. M08 (DEPART DEUX PAS AVANT LA PIECE)
N60 G92 X15.3 Z-25. F2.
N70 X14.8
N80 X14.4
N90 X14.1
N100 X13.85
N110 X13.7
N120 X13.6
N130 X13.546 (DIAMETRE A FOND DE FILET)
N140 X13.546 (PASSE A VIDE)
N150 G00 X100. Z100. M09
N160 M05
N170 G28 U0. W0.
N180 M30
%
