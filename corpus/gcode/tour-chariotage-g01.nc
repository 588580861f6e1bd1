%
O2002 (CHARIOTAGE G01)
(TITRE : Chariotage d'un diamètre 50 en passes G01 avec chanfrein et épaulement)
(CAPACITES : C4, C5)
(PIECE : barre D60 serrée en mandrin, à réduire au D50 sur 40 mm avec un chanfrein 1 x 45 degrés)
(MATIERE : acier C45, groupe ISO P)
(MACHINE : tour CN 2 axes, commande Fanuc système A, X au diamètre)
(OUTILS : T0101 outil à charioter, plaquette CNMG 120408 rayon de bec 0.8 - correcteur 01)
(ORIGINE : Z0 sur la face dressée, X0 sur l'axe de broche)
(ENSEIGNE : une prise de 2 mm enlève 4 mm au diamètre car X est programmé au diamètre,)
(  passes d'ébauche à X56. puis X52. arrêtées à Z-39.8 pour laisser 0.2 mm sur l'épaulement,)
(  passe de finition qui fait le chanfrein, le diamètre 50 et la face d'épaulement,)
(  sans compensation de rayon de bec G42 le chanfrein à 45 degrés sort légèrement faux : voir le programme G70)
(CALCUL : Vc 200 m/min avec G50 S3000 , f 0.25 mm/tr en ébauche, 0.12 mm/tr en finition)
(CONTROLE : D50 au micromètre 25-50 ou 50-75 selon la tolérance, longueur 40 au pied à coulisse)
N10 G21 G18 G40 G80 G99 (LIGNE DE SECURITE TOUR)
N20 G28 U0. W0.
(--- T01 : CHARIOTAGE EBAUCHE ---)
N30 T0101
N40 G50 S3000
N50 G96 S200 M03
N60 G00 X56. Z2. M08
N70 G01 Z-39.8 F0.25 (PASSE 1 : PRISE 2 MM)
N80 X61.
N90 G00 Z2.
N100 X52.
N110 G01 Z-39.8 (PASSE 2 : PRISE 2 MM)
N120 X61.
N130 G00 Z2.
(--- T01 : CHARIOTAGE FINITION AVEC CHANFREIN ---)
N140 G00 X46. Z1.
N150 G01 X50. Z-1. F0.12 (CHANFREIN 1 X 45 DEGRES, ENTREE DANS LE PROLONGEMENT)
N160 Z-40. (DIAMETRE 50)
N170 X61. (FACE D'EPAULEMENT)
N180 G00 X100. Z100. M09
N190 M05
N200 G28 U0. W0.
N210 M30
%
