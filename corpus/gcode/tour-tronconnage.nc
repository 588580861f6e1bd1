%
O2007 (TRONCONNAGE)
(TITRE : Tronçonnage d'une pièce de 30 mm de long dans une barre D40)
(CAPACITES : C4, C3)
(PIECE : barre D40 sortie du mandrin, pièce finie de longueur 30)
(MATIERE : acier C45, groupe ISO P)
(MACHINE : tour CN 2 axes, commande Fanuc système A, X au diamètre)
(OUTILS : T0909 lame à tronçonner largeur 3 mm - correcteur 09, point piloté sur l'arête de droite côté pièce)
(ORIGINE : Z0 sur la face de la pièce, X0 sur l'axe de broche)
(ENSEIGNE : avec le point piloté côté pièce, Z-30. donne directement la longueur 30,)
(  G50 S1500 plus bas que d'habitude : près du centre la vitesse G96 plafonne et la barre vibre moins,)
(  avance réduite en fin de coupe quand la pièce ne tient plus que par un noyau,)
(  on va jusqu'à X-0.5 pour passer l'axe et éviter un téton,)
(  la barre doit sortir le moins possible du mandrin : longueur de pièce + largeur de lame + un peu de marge)
(CALCUL : Vc 100 m/min en G96 avec G50 S1500 , f 0.06 puis 0.03 mm/tr)
N10 G21 G18 G40 G80 G99 (LIGNE DE SECURITE TOUR)
N20 G28 U0. W0.
(--- T09 : TRONCONNAGE A Z-30. ---)
N30 T0909
N40 G50 S1500
N50 G96 S100 M03
N60 G00 X44. Z-30. M08
N70 G01 X10. F0.06
N80 X-0.5 F0.03 (FIN DE COUPE EN AVANCE REDUITE)
N90 G00 X44.
N100 X100. Z100. M09
N110 M05
N120 G28 U0. W0.
N130 M30
%
