%
O2004 (FILETAGE G76 M20 X 2.5)
(TITRE : Filetage extérieur M20 x 2.5 au cycle à passes multiples G76 en deux blocs)
(CAPACITES : C4, C5)
(PIECE : fût D20 déjà tourné sur 30 mm, gorge de dégagement de Z-30 à Z-34)
(MATIERE : acier C45, groupe ISO P)
(MACHINE : tour CN 2 axes, commande Fanuc système A, X au diamètre)
(OUTILS : T0505 outil à fileter extérieur, plaquette à profil complet 60 degrés pas 2.5 - correcteur 05)
(ORIGINE : Z0 sur la face de la pièce, X0 sur l'axe de broche)
(DONNEES DU FILET ISO : hauteur de filet extérieur h3 = 0.61343 x P = 0.61343 x 2.5 = 1.534 mm au rayon)
(  diamètre à fond de filet d3 = 20 - 2 x 1.534 = 16.933 mm)
(ENSEIGNE : G97 vitesse de broche constante pour fileter, départ à Z5. soit deux pas avant la pièce,)
(  bloc 1 : G76 P020060 Q100 R0.05 = 02 passes de finition, 00 pas de chanfrein de sortie car on sort dans la gorge,)
(  60 degrés d'angle de plaquette, Q100 = passe mini de 0.1 mm, R0.05 = surépaisseur de finition en mm,)
(  bloc 2 : G76 X16.933 Z-30. P1534 Q400 F2.5 = diamètre à fond de filet, fin du filet,)
(  hauteur de filet 1.534 mm et première passe 0.4 mm, F = pas 2.5 mm par tour,)
(  P et Q de G76 s'écrivent en microns sans point décimal : c'est la seule exception à la règle du point)
(CALCUL : S800 soit Vc = PI x 20 x 800 / 1000 = 50 m/min , avance du chariot 2.5 x 800 = 2000 mm/min)
(CONTROLE : bague filetée M20 x 2.5 entre / n'entre pas, ou mesure sur piges)
N10 G21 G18 G40 G80 G99 (LIGNE DE SECURITE TOUR)
N20 G28 U0. W0.
(--- T05 : FILETAGE M20 X 2.5 AU CYCLE G76 ---)
N30 T0505
N40 G97 S800 M03 (PAS DE G96 EN FILETAGE)
N50 G00 X24. Z5. M08 (POINT DE DEPART DU CYCLE)
N60 G76 P020060 Q100 R0.05
N70 G76 X16.933 Z-30. P1534 Q400 F2.5
N80 G00 X100. Z100. M09
N90 M05
N100 G28 U0. W0.
N110 M30
%
