%
O1002 (CONTOURNAGE G41 G42)
(TITRE : Contournage extérieur d'une platine, ébauche en opposition G42 et finition en avalant G41)
(CAPACITES : C4, C3)
(PIECE : platine 100 x 60 avec quatre angles R10, épaulement de 10 mm, brut 104 x 64)
(MATIERE : acier C45, groupe ISO P)
(MACHINE : centre d'usinage vertical 3 axes, commande Fanuc ou compatible)
(OUTILS : T02 fraise 2 tailles carbure D16 à 4 dents, jauge H02)
(  correcteur D02 = 8.3 : rayon 8 + 0.3 de surépaisseur pour l'ébauche)
(  correcteur D22 = 8.0 : rayon réel pour la finition)
(ORIGINE : G54 au coin avant gauche du contour fini, Z0 sur le dessus de la pièce)
(ENSEIGNE : la correction de rayon se met en route et s'annule sur une droite plus longue que le rayon,)
(  parcours anti-horaire + G42 = fraisage en opposition, parcours horaire + G41 = fraisage en avalant,)
(  la surépaisseur de finition vient seulement du registre D, le contour programmé reste la cote du dessin :)
(  ébauche en G42 D02, finition en G41 D22)
(CALCUL : Vc 220 m/min, N = 1000 x 220 / [PI x 16] = 4377 tr/min -> S4380)
(  finition fz 0.05 : Vf = 0.05 x 4 x 4380 = 876 mm/min -> F870. , ébauche fz 0.04 -> F700.)
N10 G21 G17 G40 G49 G80 G90 (LIGNE DE SECURITE)
N20 G91 G28 Z0.
N30 G90
(--- T02 : EBAUCHE DU CONTOUR EN OPPOSITION G42, 0.3 MM LAISSES ---)
N40 T02 M06
N50 G54 G00 X-20. Y55. S4380 M03
N60 G43 H02 Z50. M08
N70 Z2.
N80 G01 Z-10. F500. (DESCENTE HORS MATIERE)
N90 G42 D02 G01 X0. Y55. F700. (DEBUT DE CORRECTION SUR UNE DROITE DE 20 MM)
N100 Y10.
N110 G03 X10. Y0. I10. J0.
N120 G01 X90.
N130 G03 X100. Y10. I0. J10.
N140 G01 Y50.
N150 G03 X90. Y60. I-10. J0.
N160 G01 X10.
N170 G03 X0. Y50. I0. J-10.
N180 G01 Y45. (LEGER RECOUVREMENT)
N190 G40 G01 X-20. Y45. (ANNULATION SUR UNE DROITE)
N200 G00 Z2.
(--- T02 : FINITION DU CONTOUR EN AVALANT G41 ---)
N210 G00 X-20. Y5.
N220 G01 Z-10. F500.
N230 G41 D22 G01 X0. Y5. F870.
N240 Y50.
N250 G02 X10. Y60. I10. J0.
N260 G01 X90.
N270 G02 X100. Y50. I0. J-10.
N280 G01 Y10.
N290 G02 X90. Y0. I-10. J0.
N300 G01 X10.
N310 G02 X0. Y10. I0. J10.
N320 G01 Y15.
N330 G40 G01 X-20. Y15.
N340 G00 Z50. M09
N350 M05
N360 G91 G28 Z0.
N370 G90
N380 M30
%
