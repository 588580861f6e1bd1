%
O2006 (GORGE EXTERIEURE)
(TITRE : Gorge extérieure de 5 mm de large au D24 avec un outil à gorge de 3 mm)
(CAPACITES : C4, C5)
(PIECE : arbre D30 déjà tourné, gorge de Z-20 à Z-25, fond au D24)
(MATIERE : acier C45, groupe ISO P)
(MACHINE : tour CN 2 axes, commande Fanuc système A, X au diamètre)
(OUTILS : T0707 outil à gorge largeur 3 mm - correcteur 07, point piloté sur l'arête de droite côté face)
(ORIGINE : Z0 sur la face de la pièce, X0 sur l'axe de broche)
(ENSEIGNE : le point piloté de l'outil décide de la cote Z : ici l'arête de droite, l'outil couvre donc Z à Z-3,)
(  une gorge plus large que l'outil se fait en deux plongées puis une passe de finition sur le fond,)
(  plongée en deux temps avec un retrait pour casser le copeau,)
(  G04 X0.3 = temporisation de 0.3 seconde au fond pour nettoyer le fond de gorge)
(CALCUL : Vc 120 m/min en G96 avec G50 S2000 , f 0.05 mm/tr en plongée)
(CONTROLE : largeur 5 au pied à coulisse ou calibre, fond D24 au pied à coulisse à becs fins)
N10 G21 G18 G40 G80 G99 (LIGNE DE SECURITE TOUR)
N20 G28 U0. W0.
(--- T07 : GORGE 5 MM AU D24 ---)
N30 T0707
N40 G50 S2000
N50 G96 S120 M03
N60 G00 X34. Z-22. M08 (PLONGEE 1 : L'OUTIL COUVRE Z-22 A Z-25)
N70 G01 X27. F0.05
N80 G00 X31. (RETRAIT POUR CASSER LE COPEAU)
N90 G01 X24.2 F0.05 (0.1 MM LAISSE AU RAYON)
N100 G00 X34.
N110 Z-20. (PLONGEE 2 : L'OUTIL COUVRE Z-20 A Z-23)
N120 G01 X27. F0.05
N130 G00 X31.
N140 G01 X24.2 F0.05
N150 G00 X31.
N160 G01 X24. F0.05 (FINITION DU FOND AU D24)
N170 Z-22. (PASSE SUR LE FOND JUSQU'AU FLANC GAUCHE)
N180 G04 X0.3
N190 G00 X34.
N200 X100. Z100. M09
N210 M05
N220 G28 U0. W0.
N230 M30
%
