%
O2001 (DRESSAGE)
(TITRE : Dressage d'une face au tour en vitesse de coupe constante G96 avec limitation G50)
(CAPACITES : C4, C3)
(PIECE : lopin D60 serré en mandrin 3 mors, face brute avec 1.5 mm de surépaisseur)
(MATIERE : acier C45, groupe ISO P)
(MACHINE : tour CN 2 axes, commande Fanuc système A, X au diamètre)
(OUTILS : T0101 outil d'ébauche-finition, plaquette CNMG 120408 rayon de bec 0.8 - correcteur 01)
(ORIGINE : Z0 sur la face finie, X0 sur l'axe de broche)
(ENSEIGNE : G18 plan ZX, G99 avance en mm/tr, G96 garde Vc constante donc N monte quand X diminue,)
(  G50 S2500 limite la broche avant G96 : sans elle la broche partirait au maximum près du centre,)
(  à Vc 200 m/min la limite de 2500 tr/min est atteinte vers D25.5 = 1000 x 200 / [PI x 2500],)
(  on dépasse l'axe jusqu'à X-1.6, soit deux fois le rayon de bec, pour ne pas laisser de téton)
(CALCUL : Vc 200 m/min, au D60 N = 1000 x 200 / [PI x 60] = 1061 tr/min, f 0.25 ébauche, 0.12 finition)
N10 G21 G18 G40 G80 G99 (LIGNE DE SECURITE TOUR)
N20 G28 U0. W0. (RETOUR POINT DE CHANGEMENT D'OUTIL)
(--- T01 : DRESSAGE EBAUCHE A Z0.5 PUIS FINITION A Z0. ---)
N30 T0101
N40 G50 S2500 (LIMITATION DE VITESSE AVANT G96)
N50 G96 S200 M03 (VITESSE DE COUPE CONSTANTE 200 M/MIN)
N60 G00 X64. Z0.5 M08
N70 G01 X-1.6 F0.25 (EBAUCHE, 1 MM ENLEVE)
N80 G00 Z3.
N90 X64.
N100 Z0.
N110 G01 X-1.6 F0.12 (FINITION, 0.5 MM ENLEVE)
N120 G00 Z3.
N130 X100. Z100. M09
N140 M05
N150 G28 U0. W0.
N160 M30
%
