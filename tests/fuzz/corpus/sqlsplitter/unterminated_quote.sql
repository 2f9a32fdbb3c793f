SELECT 'unterminated ; 
 SELECT 1;