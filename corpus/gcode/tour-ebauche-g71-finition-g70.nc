%
O2003 (EBAUCHE G71 FINITION G70)
(TITRE : Ébauche d'un profil au cycle G71 puis finition G70 avec compensation de rayon de bec G42)
(CAPACITES : C4, C2)
(PIECE : axe étagé dans une barre D60 : chanfrein, D20 sur 15, chanfrein, D30 jusqu'à Z-30,)
(  congé R5 vers D40, chanfrein, D50 jusqu'à Z-50)
(MATIERE : acier C45, groupe ISO P)
(MACHINE : tour CN 2 axes, commande Fanuc système A, X au diamètre)
(OUTILS : T0101 outil d'ébauche, plaquette CNMG 120408 rayon 0.8 - correcteur 01)
(  T0303 outil de finition, plaquette rayon de bec 0.4 - correcteur 03 avec rayon et code de direction du bec)
(ORIGINE : Z0 sur la face dressée, X0 sur l'axe de broche)
(ENSEIGNE : G71 U2. R0.5 = prise de 2 mm au rayon et dégagement de 0.5 mm,)
(  G71 P100 Q210 U0.4 W0.1 F0.25 = profil entre les blocs N100 et N210, surépaisseur 0.4 au diamètre et 0.1 en Z,)
(  le premier bloc du profil ne déplace que X, le profil monte toujours en X : type I,)
(  les F écrits dans le profil ne servent qu'à la finition : G70 P100 Q210 repasse sur le même profil,)
(  les numéros P et Q sont des numéros de bloc : ils s'écrivent sans point décimal,)
(  le congé R5 est programmé avec I et K : I au rayon, du point de départ vers le centre)
(CALCUL : ébauche Vc 200 m/min G50 S2500, finition Vc 250 m/min G50 S3000)
N10 G21 G18 G40 G80 G99 (LIGNE DE SECURITE TOUR)
N20 G28 U0. W0.
(--- T01 : EBAUCHE DU PROFIL AU CYCLE G71 ---)
N30 T0101
N40 G50 S2500
N50 G96 S200 M03
N60 G00 X62. Z2. M08 (POINT DE DEPART DU CYCLE, HORS DU BRUT)
N70 G71 U2. R0.5
N80 G71 P100 Q210 U0.4 W0.1 F0.25
N100 G00 X18.
N110 G01 Z0. F0.1
N120 X20. Z-1.
N130 Z-15.
N140 X28.
N150 X30. Z-16.
N160 Z-30.
N170 G02 X40. Z-35. I5. K0. (CONGE R5, CENTRE EN D40 ET Z-30)
N180 G01 X48.
N190 X50. Z-36.
N200 Z-50.
N210 X62.
N220 G00 X100. Z100. M09
N230 G28 U0. W0.
(--- T03 : FINITION G70 AVEC COMPENSATION DE RAYON DE BEC G42 ---)
N240 T0303
N250 G50 S3000
N260 G96 S250 M03
N270 G00 G42 X62. Z2. M08 (MISE EN ROUTE DE G42 SUR UNE DROITE)
N280 G70 P100 Q210
N290 G00 G40 X100. Z100. M09 (ANNULATION SUR UNE DROITE)
N300 M05
N310 G28 U0. W0.
N320 M30
%
