-- An import's history record now commits with its data, its outcome and its
-- audit entry in one transaction, so no record stays 'running'. Records an
-- earlier version left running (its process ended between recording the
-- import and recording its outcome) wrote no data: say so.
UPDATE imports SET status = 'interrupted',
    message = '导入已中断：处理该文件的服务在导入完成前停止，未写入任何数据；请重新导入'
WHERE status = 'running';
