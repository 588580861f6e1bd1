%
O1004 (POCHE CIRCULAIRE)
(TITRE : Poche circulaire D40 en interpolation hélicoïdale et circulaire G02 G03 avec I et J)
(CAPACITES : C4)
(PIECE : bloc 80 x 80 x 30, poche cylindrique D40 profondeur 6 au centre)
(MATIERE : alliage d'aluminium 2017A, groupe ISO N)
(MACHINE : centre d'usinage vertical 3 axes, commande Fanuc ou compatible)
(OUTILS : T04 fraise 2 tailles carbure D12 à 3 dents, jauge H04, correcteur D04 = 6.0)
(ORIGINE : G54 au centre de la poche, Z0 sur le dessus du bloc)
(ENSEIGNE : I et J donnent la position du centre par rapport au point de départ de l'arc, en incrémental,)
(  un cercle complet se programme avec le point d'arrivée égal au point de départ,)
(  descente en hélice G03 avec Z, élargissement par cercles de rayon 5, 10 puis 13.7, soit 0.3 mm laissé,)
(  finition en G41 avec droite d'approche, arc d'entrée tangent R10, cercle complet, arc de sortie, G40 sur droite)
(CALCUL : Vc 250 m/min, N = 1000 x 250 / [PI x 12] = 6631 tr/min -> S6630)
(  Vf = 0.06 x 3 x 6630 = 1193 mm/min -> F1190. , hélice à F600. , finition F700.)
N10 G21 G17 G40 G49 G80 G90 (LIGNE DE SECURITE)
N20 G91 G28 Z0.
N30 G90
(--- T04 : EBAUCHE DE LA POCHE PAR HELICE PUIS CERCLES ---)
N40 T04 M06
N50 G54 G00 X5. Y0. S6630 M03
N60 G43 H04 Z50. M08
N70 Z1.
N80 G03 X5. Y0. Z-1.5 I-5. J0. F600. (HELICE : DE Z1. A Z-1.5 PUIS 1.5 MM PAR TOUR)
N90 G03 X5. Y0. Z-3. I-5. J0.
N100 G03 X5. Y0. Z-4.5 I-5. J0.
N110 G03 X5. Y0. Z-6. I-5. J0.
N120 G03 X5. Y0. I-5. J0. (TOUR A PLAT AU FOND)
N130 G01 X10. F1190.
N140 G03 X10. Y0. I-10. J0.
N150 G01 X13.7
N160 G03 X13.7 Y0. I-13.7 J0.
N170 G01 X0. Y0.
(--- T04 : FINITION DE LA PAROI EN G41 ---)
N180 G41 D04 G01 X-10. Y-10. F700. (MISE EN ROUTE SUR UNE DROITE)
N190 G03 X0. Y-20. I10. J0. (ARC D'ENTREE TANGENT R10)
N200 G03 X0. Y-20. I0. J20. (CERCLE COMPLET R20 : D40)
N210 G03 X10. Y-10. I0. J10. (ARC DE SORTIE TANGENT R10)
N220 G40 G01 X0. Y0. (ANNULATION SUR UNE DROITE)
N230 G00 Z50. M09
N240 M05
N250 G91 G28 Z0.
N260 G90
N270 M30
%
