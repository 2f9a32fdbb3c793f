/* unterminated ; 
 SELECT 1;