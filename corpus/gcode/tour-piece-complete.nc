%
O2009 (PIECE COMPLETE AU TOUR)
(TITRE : Pièce complète au tour : dressage, ébauche G71, finition G70 avec chanfreins, tronçonnage)
(CAPACITES : C4, C1, C2, C3)
(PIECE : axe de longueur 40 dans une barre D40 : chanfrein 1 x 45, D24 sur 20, chanfrein 1 x 45, D36 jusqu'à Z-40)
(MATIERE : acier C45, groupe ISO P)
(MACHINE : tour CN 2 axes, commande Fanuc système A, X au diamètre, barre sortie de 50 mm du mandrin)
(OUTILS : T0101 outil d'ébauche, plaquette CNMG 120408 rayon 0.8 - correcteur 01)
(  T0202 outil de finition, plaquette rayon 0.4 - correcteur 02 avec rayon et code de direction du bec)
(  T0303 lame à tronçonner largeur 3 mm - correcteur 03, point piloté sur l'arête de droite)
(ORIGINE : Z0 sur la face finie, X0 sur l'axe de broche)
(ENSEIGNE : ordre logique des opérations d'une phase de tournage,)
(  le profil N100 à N170 sert deux fois : à l'ébauche G71 puis à la finition G70,)
(  le D36 est prolongé jusqu'à Z-44. pour que la lame de 3 mm tronçonne dans un diamètre fini,)
(  un arrêt optionnel M01 après la finition permet de mesurer la première pièce avant le tronçonnage)
(CALCUL : ébauche Vc 200 m/min avec G50 S2500, finition Vc 250 avec G50 S3000, tronçonnage Vc 100 avec G50 S1500)
(CONTROLE : D24 et D36 au micromètre, longueur 40 au pied à coulisse, chanfreins au rapporteur ou à la loupe)
N10 G21 G18 G40 G80 G99 (LIGNE DE SECURITE TOUR)
N20 G28 U0. W0.
(--- T01 : DRESSAGE DE LA FACE ---)
N30 T0101
N40 G50 S2500
N50 G96 S200 M03
N60 G00 X44. Z0. M08
N70 G01 X-1.6 F0.2
N80 G00 Z2.
(--- T01 : EBAUCHE DU PROFIL AU CYCLE G71 ---)
N90 G00 X42. Z2.
N95 G71 U1.5 R0.5
N96 G71 P100 Q170 U0.4 W0.1 F0.25
N100 G00 X22.
N110 G01 Z0. F0.1
N120 X24. Z-1. (CHANFREIN 1 X 45)
N130 Z-20.
N140 X34.
N150 X36. Z-21. (CHANFREIN 1 X 45)
N160 Z-44.
N170 X42.
N180 G00 X100. Z100. M09
N190 G28 U0. W0.
(--- T02 : FINITION DU PROFIL AU CYCLE G70 AVEC G42 ---)
N200 T0202
N210 G50 S3000
N220 G96 S250 M03
N230 G00 G42 X42. Z2. M08
N240 G70 P100 Q170
N250 G00 G40 X100. Z100. M09
N260 M05
N270 G28 U0. W0.
N280 M01 (ARRET OPTIONNEL : MESURE DE LA PREMIERE PIECE)
(--- T03 : TRONCONNAGE A LA LONGUEUR 40 ---)
N290 T0303
N300 G50 S1500
N310 G96 S100 M03
N320 G00 X44. Z-40. M08
N330 G01 X10. F0.06
N340 X-0.5 F0.03
N350 G00 X44.
N360 X100. Z100. M09
N370 M05
N380 G28 U0. W0.
N390 M30
%
