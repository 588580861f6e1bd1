; TITRE : Contournage en dialogue Heidenhain avec droites L, centre CC et arc C
; CAPACITES : C4, C3
; PIECE : platine 85 x 50 dont le côté droit est un demi-cercle R25 centré en X60 Y25, épaulement de 5 mm
; MATIERE : acier C45, groupe ISO P
; MACHINE : centre d'usinage vertical 3 axes, commande Heidenhain TNC en programmation conversationnelle
; OUTILS : T1 fraise 2 tailles carbure D12 à 4 dents, rayon R6 déclaré dans la table d'outils
; ORIGINE : point de référence au coin avant gauche du contour fini, Z0 sur le dessus de la pièce
; ENSEIGNE : BLK FORM décrit le brut pour la simulation graphique, TOOL CALL appelle l'outil avec l'axe Z et la vitesse S,
;   L = droite, R0 = sans correction, RL = correction à gauche, FMAX = rapide,
;   CC fixe le centre du cercle sans déplacer l'outil, C donne le point d'arrivée de l'arc et DR- le sens horaire,
;   parcours horaire autour de la pièce avec RL = fraisage en avalant, comme G41 sur une commande ISO,
;   la correction RL démarre sur une droite et s'annule avec R0 sur une droite
; CALCUL : Vc 220 m/min, N = 1000 x 220 / (PI x 12) = 5836 tr/min -> S5830, fz 0.05 x 4 dents x 5830 = 1166 -> F1160
; NOTE : sur la commande, ces lignes de commentaire se placent après BEGIN PGM, avec un numéro de bloc
0 BEGIN PGM CONTOUR_CC MM
1 BLK FORM 0.1 Z X-2.0 Y-2.0 Z-15.0
2 BLK FORM 0.2 X+88.0 Y+52.0 Z+0.0
3 ; --- T1 : CONTOURNAGE EN AVALANT AVEC RL ---
4 TOOL CALL 1 Z S5830
5 L Z+100.0 R0 FMAX M3
6 L X-20.0 Y-20.0 R0 FMAX M8
7 L Z+2.0 R0 FMAX
8 L Z-5.0 R0 F500
9 L X+0.0 Y+0.0 RL F1160
10 L X+0.0 Y+50.0
11 L X+60.0 Y+50.0
12 CC X+60.0 Y+25.0
13 C X+60.0 Y+0.0 DR-
14 L X+0.0 Y+0.0
15 L X-20.0 Y-20.0 R0
16 L Z+100.0 R0 FMAX M9
17 M5
18 M30
19 END PGM CONTOUR_CC MM
